// The device's JSON answers are read with protocol/setup's readers and the /config query is
// written by protocol/setup, so that device and wizard can never disagree about the format.
#include "onboard/wizard/device_client.hpp"

#include "onboard/protocol/setup/board_info.hpp"
#include "onboard/protocol/setup/response.hpp"
#include "onboard/protocol/setup/scan_entry.hpp"

namespace onboard::wizard {
namespace {

constexpr std::size_t kMaxScanRead = 64;  // a plain Edgent device may list more than ours do

std::string text(std::string_view v) {
  return std::string(v);
}

std::string mac_text(const setup::MacAddress& mac) {
  if (mac == setup::MacAddress{}) return {};
  char out[setup::kMacTextLength];
  setup::write_mac(mac, out);
  return std::string(out, sizeof out);
}

}  // namespace

HttpResult DeviceClient::send(const HttpRequest& request) {
  return secure_ ? secure_->send(request, timeout_)
                 : http_send(endpoint_, request, timeout_, cancel_ ? &*cancel_ : nullptr);
}

Result<std::string> DeviceClient::get(const std::string& target, bool allow_404) {
  HttpRequest req;
  req.target = target;
  HttpResult r = send(req);
  if (!r.ok()) {
    return fail(reason_of(r.error()), "the device did not answer " + target + ": " + r.error().message,
                Action::move_phone_closer);
  }
  if (allow_404 && r.response().status == 404) return std::string();
  if (r.response().status != 200) {
    return fail(Reason::device_error,
                "the device answered HTTP " + std::to_string(r.response().status) + " to " + target);
  }
  return r.response().body;
}

Result<DeviceBoardInfo> DeviceClient::board_info() {
  auto body = get("/board_info.json");
  if (!body) return body.failure();
  std::string scratch(body->size(), '\0');
  setup::BoardInfo read;
  if (!setup::read_board_info_json(*body, scratch.data(), scratch.size(), read))
    return fail(Reason::bad_response, "the device's board info is not the JSON object of the setup API");
  DeviceBoardInfo info;
  info.board = text(read.board);
  info.tmpl_id = text(read.tmpl_id);
  info.fw_type = text(read.fw_type);
  info.fw_ver = text(read.fw_ver);
  info.ssid = text(read.ssid);
  info.bssid = mac_text(read.bssid);
  info.mac = mac_text(read.mac);
  info.last_reason = read.last_reason;
  info.wifi_scan = read.wifi_scan;
  info.static_ip = read.static_ip;
  info.onboard = read.onboard;
  info.security = text(read.security);
  return info;
}

Result<std::vector<DeviceNetwork>> DeviceClient::wifi_scan() {
  auto body = get("/wifi_scan.json");
  if (!body) return body.failure();
  std::vector<setup::ScanEntry> entries(kMaxScanRead);
  std::size_t count = 0;
  if (!setup::read_scan_json(*body, entries.data(), entries.size(), &count))
    return fail(Reason::bad_response, "the device's Wi-Fi scan is not the JSON array of the setup API");
  std::vector<DeviceNetwork> out;
  for (std::size_t i = 0; i < count; ++i) {
    const setup::ScanEntry& e = entries[i];
    DeviceNetwork net;
    net.ssid = text(e.ssid_view());
    net.bssid = mac_text(e.bssid);
    net.rssi = e.rssi;
    net.sec = text(setup::to_string(e.security));
    net.channel = e.channel;
    net.hidden = e.hidden;
    out.push_back(std::move(net));
  }
  return out;
}

Result<ConfigAnswer> DeviceClient::send_config(const setup::ConfigRequest& request) {
  std::string query(setup::kMaxQueryLength, '\0');
  std::size_t n = setup::write_query(request, query.data(), query.size());
  if (n == 0) return fail(Reason::invalid_config, "the configuration does not fit a /config request");
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
    return fail(reason_of(r.error()), "could not send the configuration: " + r.error().message,
                Action::move_phone_closer);
  }
  const std::string& body = r.response().body;
  std::string scratch(body.size(), '\0');
  setup::ConfigReply reply;
  const bool readable = setup::read_config_reply_json(body, scratch.data(), scratch.size(), reply);
  ConfigAnswer answer;
  answer.message = text(reply.msg);
  if (r.response().status == 200 && (!readable || reply.ok)) return answer;
  answer.verdict = ConfigAnswer::Verdict::rejected;
  answer.field = text(reply.field);
  answer.rule = text(reply.rule);
  if (!reply.reason.empty()) answer.message += ": " + text(reply.reason);
  return answer;
}

Result<std::optional<DeviceConnectStatus>> DeviceClient::connect_status() {
  auto body = get("/connect_status.json", true);
  if (!body) return body.failure();
  if (body->empty()) return std::optional<DeviceConnectStatus>();
  setup::ConnectStatus status;
  if (!setup::read_connect_status_json(*body, status))
    return fail(Reason::bad_response, "the device's connect status is not the JSON object of the setup API");
  return std::optional<DeviceConnectStatus>(DeviceConnectStatus{status.state, status.reason});
}

Status DeviceClient::reset() {
  auto body = get("/reset");
  if (!body) return body.failure();
  return Done{};
}

}  // namespace onboard::wizard
