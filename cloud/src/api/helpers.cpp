#include "routes.hpp"

#include <spdlog/spdlog.h>

#include "onboard/cloud/domain/accounts.hpp"
#include "onboard/protocol/codec/percent.hpp"

namespace onboard::cloud::api {

HttpResponse json_response(int status, const json& body) {
  return HttpResponse{
      status, "application/json", body.dump(-1, ' ', false, json::error_handler_t::replace) + "\n", {}};
}

HttpResponse store_error(const Route& route, const StoreFailure& failure) {
  if (failure.kind == StoreErrorKind::Conflict) return json_error(409, "conflict", failure.message);
  if (failure.kind == StoreErrorKind::NotFound) return json_error(404, "not_found", failure.message);
  spdlog::error("req={} {} {}: store {}: {}", route.request.request_id, route.request.method, route.path,
                to_string(failure.kind), failure.message);
  auto response =
      json_error(503, "store_unavailable",
                 "the server cannot use its database right now (" + std::string(to_string(failure.kind)) +
                     "); nothing was changed, try again later");
  response.headers.emplace_back("Retry-After", "5");
  return response;
}

HttpResponse command_failed(const CommandAnswer& answer, const std::string& done) {
  const bool too_large = answer.status == 413;
  auto response = json_error(too_large ? 413 : 503, too_large ? "value_too_large" : "device_unreachable",
                             answer.reason + (done.empty() ? "" : " (" + done + ")"));
  if (!too_large) response.headers.emplace_back("Retry-After", "5");
  return response;
}

HttpResponse bad_field(const std::string& field, const std::string& why) {
  return json_response(400, json{{"error", "bad_request"}, {"reason", why}, {"field", field}});
}

std::optional<json> json_body(const HttpRequest& request, HttpResponse& error) {
  json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    error = json_error(400, "bad_request", "the body must be a JSON object");
    return std::nullopt;
  }
  return body;
}

std::optional<std::string> string_field(const json& body, const char* field, HttpResponse& error,
                                        std::size_t max_length) {
  auto it = body.find(field);
  if (it == body.end() || !it->is_string()) {
    error = bad_field(field, std::string("'") + field + "' is required and must be a string");
    return std::nullopt;
  }
  auto value = it->get<std::string>();
  if (value.empty() || value.size() > max_length) {
    error = bad_field(
        field, std::string("'") + field + "' must be 1 to " + std::to_string(max_length) + " characters");
    return std::nullopt;
  }
  return value;
}

std::optional<User> signed_in(Context& ctx, const Route& route, HttpResponse& error) {
  const auto& request = route.request;
  constexpr std::string_view kBearer = "Bearer ";
  std::string_view header = request.authorization;
  if (header.substr(0, kBearer.size()) != kBearer) {
    error = json_error(401, "unauthorized", "sign in first: Authorization: Bearer <token>");
    return std::nullopt;
  }
  auto user = authenticate(ctx.store, ctx.clock, std::string(header.substr(kBearer.size())));
  if (!user) {
    error = store_error(route, user.error());
    return std::nullopt;
  }
  if (!*user) error = json_error(401, "unauthorized", "the session is unknown or expired");
  return *user;
}

namespace {
// Query values are read with the protocol's one percent-decoder; a malformed escape is kept
// as typed rather than refused, as before.
std::string decode(std::string_view s) {
  std::string out(s.size(), '\0');
  const codec::DecodeResult r = codec::percent_decode(s, out.data(), out.size(), codec::Plus::space);
  if (!r.ok()) return std::string(s);
  out.resize(r.size);
  return out;
}
}  // namespace

std::map<std::string, std::string> parse_query(std::string_view query) {
  std::map<std::string, std::string> out;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    out.emplace(decode(pair.substr(0, eq)),
                eq == std::string_view::npos ? std::string() : decode(pair.substr(eq + 1)));
  }
  return out;
}

}  // namespace onboard::cloud::api
