// Internal to api/: the handlers the router dispatches to, and shared helpers.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onboard/cloud/api/http.hpp"
#include "onboard/cloud/domain/provisioning.hpp"

namespace onboard::cloud::api {

using json = nlohmann::json;

struct Route {
  const HttpRequest& request;
  std::string_view path;                     // without the query
  std::map<std::string, std::string> query;  // decoded; "V1" without value maps to ""
  std::vector<std::string_view> parts;       // path split on '/'
};

HttpResponse json_response(int status, const json& body);
// A store failure as the caller sees it: 503 with the reason (409 for a conflict, 404 for not found).
HttpResponse store_error(const Route& route, const StoreFailure& failure);
HttpResponse bad_field(const std::string& field, const std::string& why);

// Parses the body as a JSON object; on failure fills error with a 400.
std::optional<json> json_body(const HttpRequest& request, HttpResponse& error);
// A string field of a JSON object; on failure fills error naming the field.
std::optional<std::string> string_field(const json& body, const char* field, HttpResponse& error,
                                        std::size_t max_length = 200);

// Signed-in user from the bearer token; on failure fills error with a 401 (or a store error).
std::optional<User> signed_in(Context& ctx, const Route& route, HttpResponse& error);

std::map<std::string, std::string> parse_query(std::string_view query);

HttpResponse login(Context& ctx, const Route& route);
HttpResponse list_templates(Context& ctx, const Route& route);
HttpResponse create_template(Context& ctx, const Route& route);
HttpResponse create_provisioning(Context& ctx, const Route& route);
HttpResponse get_provisioning(Context& ctx, const Route& route, std::string_view id);
HttpResponse list_devices(Context& ctx, const Route& route);
HttpResponse device_request(Context& ctx, const Route& route, std::string_view id, std::string_view action);
HttpResponse external_api(Context& ctx, const Route& route, std::string_view call);
HttpResponse event_stream(Context& ctx, const Route& route);
HttpResponse logout(Context& ctx, const Route& route);
// id empty: the collection (GET, POST); else PATCH/DELETE of that user.
HttpResponse users_request(Context& ctx, const Route& route, std::string_view id);
HttpResponse change_own_password(Context& ctx, const Route& route);
HttpResponse list_provisioning(Context& ctx, const Route& route);
HttpResponse get_provisioning_stats(Context& ctx, const Route& route);
HttpResponse patch_template(Context& ctx, const Route& route, std::string_view id);
HttpResponse upload_firmware(Context& ctx, const Route& route, std::string_view template_id);
HttpResponse list_firmware(Context& ctx, const Route& route, std::string_view template_id);
HttpResponse create_shipment(Context& ctx, const Route& route);
HttpResponse get_shipment(Context& ctx, const Route& route, std::string_view id);
HttpResponse ota_download(Context& ctx, const Route& route, std::string_view token);

json device_json(Context& ctx, const Device& device);
// The same when whether it is online was asked for many at once (Hub::online_among).
json device_json(Context& ctx, const Device& device, bool online);
// A device command that did not reach the device's connection: 503 (its node cannot be
// reached) or 413 (too large for the device), with the reason; `done` says what happened already.
HttpResponse command_failed(const CommandAnswer& answer, const std::string& done);
ProvisioningLimits provisioning_limits(const Context& ctx);
HttpResponse too_many_provisionings(const Context& ctx, const ProvisioningCreated& refused);

}  // namespace onboard::cloud::api
