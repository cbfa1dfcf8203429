// Parsing of the device's JSON answers with nlohmann-json; the /config query itself comes
// from protocol/setup so that device and wizard can never disagree about encoding or rules.
#include "onboard/wizard/device_client.hpp"

#include <nlohmann/json.hpp>

#include "json_fields.hpp"

namespace onboard::wizard {
namespace {

using nlohmann::json;

const char* kNearHint = "stay close to the device and check that this computer is still on its network";

}  // namespace

HttpResult DeviceClient::send(const HttpRequest& request) {
  return secure_ ? secure_->send(request, timeout_) : http_send(endpoint_, request, timeout_);
}

Result<std::string> DeviceClient::get(const std::string& target, bool allow_404) {
  HttpRequest req;
  req.target = target;
  HttpResult r = send(req);
  if (!r.ok()) {
    return fail(reason_of(r.error()), "the device did not answer " + target + ": " + r.error().message,
                kNearHint);
  }
  if (allow_404 && r.response().status == 404) return std::string();
  if (r.response().status != 200) {
    return fail("device_error",
                "the device answered HTTP " + std::to_string(r.response().status) + " to " + target);
  }
  return r.response().body;
}

Result<DeviceBoardInfo> DeviceClient::board_info() {
  auto body = get("/board_info.json");
  if (!body) return body.failure();
  json j = json::parse(*body, nullptr, false);
  if (!j.is_object()) return fail("bad_response", "the device's board info is not a JSON object");
  DeviceBoardInfo info;
  info.board = text_field(j, "board");
  info.tmpl_id = text_field(j, "tmpl_id");
  info.fw_type = text_field(j, "fw_type");
  info.fw_ver = text_field(j, "fw_ver");
  info.ssid = text_field(j, "ssid");
  info.bssid = text_field(j, "bssid");
  info.mac = text_field(j, "mac");
  info.last_error = static_cast<int>(int_field(j, "last_error"));
  info.last_reason = text_field(j, "last_reason");
  info.wifi_scan = bool_field(j, "wifi_scan");
  info.static_ip = bool_field(j, "static_ip");
  info.onboard = static_cast<int>(int_field(j, "onboard"));
  info.security = text_field(j, "security");
  return info;
}

Result<std::vector<DeviceNetwork>> DeviceClient::wifi_scan() {
  auto body = get("/wifi_scan.json");
  if (!body) return body.failure();
  json j = json::parse(*body, nullptr, false);
  if (!j.is_array()) return fail("bad_response", "the device's Wi-Fi scan is not a JSON array");
  std::vector<DeviceNetwork> out;
  for (const auto& n : j) {
    DeviceNetwork net;
    net.ssid = text_field(n, "ssid");
    net.bssid = text_field(n, "bssid");
    net.rssi = static_cast<int>(int_field(n, "rssi"));
    net.sec = text_field(n, "sec");
    net.channel = static_cast<int>(int_field(n, "ch"));
    net.hidden = bool_field(n, "hidden") || net.ssid.empty();
    out.push_back(std::move(net));
  }
  return out;
}

Result<ConfigAnswer> DeviceClient::send_config(const setup::ConfigRequest& request) {
  std::string query(setup::kMaxQueryLength, '\0');
  std::size_t n = setup::write_query(request, query.data(), query.size());
  if (n == 0) return fail("invalid_config", "the configuration does not fit a /config request");
  query.resize(n);
  HttpRequest req;
  req.target = "/config?" + query;
  HttpResult r = send(req);
  if (!r.ok()) {
    // The device may switch its radio the moment it has read the request; that looks like a
    // dropped link here, but the configuration may well be in use. Only an error before the
    // request left us proves that nothing was sent.
    if (r.error().request_sent) {
      return ConfigAnswer{ConfigAnswer::Verdict::maybe_accepted, r.error().message, {}, {}};
    }
    return fail(reason_of(r.error()), "could not send the configuration: " + r.error().message, kNearHint);
  }
  json j = json::parse(r.response().body, nullptr, false);
  ConfigAnswer answer;
  answer.message = text_field(j, "msg");
  if (r.response().status == 200 && text_field(j, "status") != "error") return answer;
  answer.verdict = ConfigAnswer::Verdict::rejected;
  answer.field = text_field(j, "field");
  answer.rule = text_field(j, "rule");
  std::string reason = text_field(j, "reason");
  if (!reason.empty()) answer.message += ": " + reason;
  return answer;
}

Result<std::optional<DeviceConnectStatus>> DeviceClient::connect_status() {
  auto body = get("/connect_status.json", true);
  if (!body) return body.failure();
  if (body->empty()) return std::optional<DeviceConnectStatus>();
  json j = json::parse(*body, nullptr, false);
  if (!j.is_object()) return fail("bad_response", "the device's connect status is not a JSON object");
  return std::optional<DeviceConnectStatus>(DeviceConnectStatus{
      text_field(j, "state"), text_field(j, "reason"), static_cast<int>(int_field(j, "last_error"))});
}

Status DeviceClient::reset() {
  auto body = get("/reset");
  if (!body) return body.failure();
  return Done{};
}

}  // namespace onboard::wizard
