// REST calls of interfaces.md. Errors keep the cloud's own `reason` so the user sees why.
#include "onboard/wizard/cloud_client.hpp"

#include <nlohmann/json.hpp>

#include "json_fields.hpp"

namespace onboard::wizard {
namespace {

using nlohmann::json;

Result<json> parse_body(const std::string& body) {
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded())
    return fail(Reason::bad_response, "the cloud answered with something that is not JSON");
  return j;
}

DeviceInfo to_device(const json& j) {
  return DeviceInfo{text_field(j, "id"),      text_field(j, "name"),     text_field(j, "templateId"),
                    bool_field(j, "online"),  text_field(j, "lastSeen"), text_field(j, "activatedAt"),
                    text_field(j, "ownerId"), text_field(j, "firmware")};
}

ProvisioningInfo to_provisioning(const json& j) {
  ProvisioningInfo p{text_field(j, "id"),       text_field(j, "token"),    text_field(j, "templateId"),
                     text_field(j, "state"),    text_field(j, "deviceId"), text_field(j, "reason"),
                     text_field(j, "expiresAt")};
  const auto notified = j.is_object() ? j.find("deviceNotified") : j.end();
  p.device_notified = notified != j.end() && notified->is_boolean() && notified->get<bool>();
  return p;
}

// The cloud's errors are {"error": code, "reason": sentence}: the status says what kind of
// failure it is, and the cloud's own words go into the message.
Failure status_failure(int status, const std::string& body) {
  json j = json::parse(body, nullptr, false);
  const std::string code = text_field(j, "error");
  const std::string why = text_field(j, "reason");
  Reason reason = Reason::cloud_error;
  if (status == 401) reason = Reason::unauthorized;
  if (status == 403) reason = Reason::forbidden;
  if (status == 404) reason = Reason::not_found;
  if (status == 429) reason = Reason::too_many_attempts;
  std::string message = "the cloud answered HTTP " + std::to_string(status);
  if (!code.empty()) message += " " + code;
  if (!why.empty()) message += ": " + why;
  return fail(reason, message);
}

}  // namespace

Result<std::string> CloudClient::call(const std::string& method, const std::string& path,
                                      const std::string& body, int expected_status,
                                      const std::string& content_type) {
  HttpRequest req;
  req.method = method;
  req.target = base_path_ + path;
  req.body = body;
  req.headers.emplace_back("Accept", "application/json");
  if (!body.empty()) req.headers.emplace_back("Content-Type", content_type);
  if (!session_.empty()) req.headers.emplace_back("Authorization", "Bearer " + session_);
  HttpResult r = http_send(endpoint_, req, timeout_, cancel_ ? &*cancel_ : nullptr);
  if (!r.ok()) {
    return fail(reason_of(r.error()),
                "cannot reach the cloud at " + endpoint_.host + ":" + std::to_string(endpoint_.port) + ": " +
                    r.error().message,
                Action::fix_server_url);
  }
  int status = r.response().status;
  if (status != expected_status && !(expected_status == 200 && status == 201)) {
    return status_failure(status, r.response().body);
  }
  return r.response().body;
}

Result<LoginResult> CloudClient::login(const std::string& email, const std::string& password) {
  auto body = call("POST", "/api/v1/login", json{{"email", email}, {"password", password}}.dump(), 200);
  if (!body) return body.failure();
  auto j = parse_body(*body);
  if (!j) return j.failure();
  const json& user = j->contains("user") ? (*j)["user"] : json::object();
  LoginResult result{text_field(*j, "token"), text_field(user, "id"), text_field(user, "email"),
                     text_field(user, "role")};
  if (result.token.empty())
    return fail(Reason::bad_response, "the cloud accepted the sign-in but sent no session token");
  session_ = result.token;
  return result;
}

Result<std::vector<Template>> CloudClient::templates() {
  auto body = call("GET", "/api/v1/templates", {}, 200);
  if (!body) return body.failure();
  auto j = parse_body(*body);
  if (!j) return j.failure();
  if (!j->is_array()) return fail(Reason::bad_response, "the template list is not a JSON array");
  std::vector<Template> out;
  for (const auto& t : *j) out.push_back(Template{text_field(t, "id"), text_field(t, "name")});
  return out;
}

Result<Template> CloudClient::create_template(const std::string& name) {
  auto body = call("POST", "/api/v1/templates", json{{"name", name}}.dump(), 201);
  if (!body) return body.failure();
  auto j = parse_body(*body);
  if (!j) return j.failure();
  return Template{text_field(*j, "id"), text_field(*j, "name")};
}

Result<ProvisioningInfo> CloudClient::open_session(const std::string& path, const std::string& body) {
  auto answer = call("POST", path, body, 201);
  if (!answer) return answer.failure();
  auto j = parse_body(*answer);
  if (!j) return j.failure();
  auto info = to_provisioning(*j);
  if (info.id.empty() || info.token.empty())
    return fail(Reason::bad_response, "the cloud sent no provisioning token");
  return info;
}

Result<ProvisioningInfo> CloudClient::start_provisioning(const std::string& template_id) {
  return open_session("/api/v1/provisioning", json{{"templateId", template_id}}.dump());
}

Result<ProvisioningInfo> CloudClient::start_reconfigure(const std::string& device_id) {
  return open_session("/api/v1/devices/" + device_id + "/reconfigure", "{}");
}

Result<ProvisioningInfo> CloudClient::provisioning(const std::string& id) {
  auto body = call("GET", "/api/v1/provisioning/" + id, {}, 200);
  if (!body) return body.failure();
  auto j = parse_body(*body);
  if (!j) return j.failure();
  return to_provisioning(*j);
}

Result<std::vector<DeviceInfo>> CloudClient::devices() {
  auto body = call("GET", "/api/v1/devices", {}, 200);
  if (!body) return body.failure();
  auto j = parse_body(*body);
  if (!j) return j.failure();
  if (!j->is_array()) return fail(Reason::bad_response, "the device list is not a JSON array");
  std::vector<DeviceInfo> out;
  for (const auto& d : *j) out.push_back(to_device(d));
  return out;
}

Result<DeviceInfo> CloudClient::device(const std::string& id) {
  auto body = call("GET", "/api/v1/devices/" + id, {}, 200);
  if (!body) return body.failure();
  auto j = parse_body(*body);
  if (!j) return j.failure();
  return to_device(*j);
}

Result<DeviceInfo> CloudClient::rename_device(const std::string& id, const std::string& name) {
  auto body = call("PATCH", "/api/v1/devices/" + id, json{{"name", name}}.dump(), 200);
  if (!body) return body.failure();
  auto j = parse_body(*body);
  if (!j) return j.failure();
  return to_device(*j);
}

namespace {
ShipmentInfo to_shipment(const json& j) {
  ShipmentInfo s{text_field(j, "id"), text_field(j, "state"), text_field(j, "version"), {}};
  const auto devices = j.is_object() ? j.find("devices") : j.end();
  if (devices != j.end() && devices->is_array()) {
    for (const auto& d : *devices) {
      s.devices.push_back(ShipmentDevice{text_field(d, "deviceId"), text_field(d, "status"),
                                         static_cast<int>(int_field(d, "progress", -1)),
                                         int_field(d, "bytesServed"), text_field(d, "reason")});
    }
  }
  return s;
}
}  // namespace

Result<FirmwareInfo> CloudClient::upload_firmware(const std::string& template_id, const std::string& image) {
  auto body =
      call("POST", "/api/v1/templates/" + template_id + "/firmware", image, 201, "application/octet-stream");
  if (!body) return body.failure();
  auto j = parse_body(*body);
  if (!j) return j.failure();
  FirmwareInfo f{text_field(*j, "id"),    text_field(*j, "templateId"), text_field(*j, "version"),
                 text_field(*j, "build"), text_field(*j, "sha256"),     int_field(*j, "size")};
  if (f.id.empty()) return fail(Reason::bad_response, "the cloud stored the image but sent no id");
  return f;
}

Result<ShipmentInfo> CloudClient::ship(const std::string& firmware_id,
                                       const std::vector<std::string>& device_ids,
                                       const std::string& condition) {
  json request{{"firmwareId", std::stoll(firmware_id)}, {"condition", condition}};
  if (!device_ids.empty()) {
    json ids = json::array();
    for (const auto& id : device_ids) ids.push_back(std::stoll(id));
    request["deviceIds"] = ids;
  }
  auto body = call("POST", "/api/v1/shipments", request.dump(), 201);
  if (!body) return body.failure();
  auto j = parse_body(*body);
  if (!j) return j.failure();
  return to_shipment(*j);
}

Result<ShipmentInfo> CloudClient::shipment(const std::string& id) {
  auto body = call("GET", "/api/v1/shipments/" + id, {}, 200);
  if (!body) return body.failure();
  auto j = parse_body(*body);
  if (!j) return j.failure();
  return to_shipment(*j);
}

}  // namespace onboard::wizard
