#include "onboard/device/ports/air/air_wifi.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "onboard/protocol/air/line_writer.hpp"
#include "onboard/protocol/air/scan_entry.hpp"
#include "onboard/protocol/air/vocabulary.hpp"

namespace onboard::port {

namespace {

hal::LinkFailure failure_from(std::string_view reason) {
  air::Reason parsed{};
  if (!air::parse(reason, &parsed)) return hal::LinkFailure::Other;
  switch (parsed) {
    case air::Reason::wrong_password: return hal::LinkFailure::WrongPassword;
    case air::Reason::network_not_found:
    case air::Reason::ssid_too_long: return hal::LinkFailure::NetworkNotFound;
    case air::Reason::router_off:
    case air::Reason::ap_gone:
    case air::Reason::channel_switch:
    case air::Reason::kicked: return hal::LinkFailure::LinkLost;
    default: return hal::LinkFailure::Other;
  }
}

std::int8_t clamp_rssi(std::int32_t rssi) {
  return static_cast<std::int8_t>(std::clamp(rssi, -128, 0));
}

}  // namespace

bool parse_mac(std::string_view text, hal::MacAddress* out) {
  if (text.size() != 17) return false;
  for (std::size_t i = 0; i < 6; ++i) {
    unsigned value = 0;
    for (std::size_t j = 0; j < 2; ++j) {
      const char c = text[i * 3 + j];
      value <<= 4;
      if (c >= '0' && c <= '9')
        value |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        value |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        value |= static_cast<unsigned>(c - 'A' + 10);
      else
        return false;
    }
    if (i < 5 && text[i * 3 + 2] != ':') return false;
    out->bytes[i] = static_cast<std::uint8_t>(value);
  }
  return true;
}

bool parse_ip4(std::string_view text, hal::Ip4* out) {
  const std::string copy(text);
  in_addr address{};
  if (inet_pton(AF_INET, copy.c_str(), &address) != 1) return false;
  out->value = ntohl(address.s_addr);
  return true;
}

AirWifi::AirWifi(AirLink& link, std::uint64_t chip_id, AirLink::LogFn log)
    : link_(link), log_(std::move(log)) {
  // A locally administered unicast MAC from the chip id, until hello names ours.
  station_mac_.bytes[0] = 0x02;
  for (std::size_t i = 1; i < 6; ++i)
    station_mac_.bytes[i] = static_cast<std::uint8_t>(chip_id >> (8 * (5 - i)));
  link_.add_listener(this);
}

hal::MacAddress AirWifi::ap_mac() const {
  // As on an ESP32: the soft-AP's MAC is the station's plus one.
  hal::MacAddress mac = station_mac_;
  mac.bytes[5] = static_cast<std::uint8_t>(mac.bytes[5] + 1);
  return mac;
}

bool AirWifi::start_ap(std::string_view ssid) {
  // 802.11 refuses longer SSIDs; say so now rather than in a later reply.
  if (ssid.empty() || ssid.size() > air::kMaxSsid) return false;
  char line[air::kMaxLine];
  air::LineWriter writer(line, sizeof line);
  if (!writer.verb(air::verb::kApStart).field("ssid", ssid).finish()) return false;
  ap_tag_ = link_.request(AirRequest::ApStart, writer.line());
  // Optimistic until the world answers: the core serves 192.168.4.1 at once and
  // an error reply (logged) turns it off.
  ap_active_ = link_.connected();
  return ap_active_;
}

void AirWifi::stop_ap() {
  ap_active_ = false;
  ap_tag_ = link_.request(AirRequest::ApStop, "ap_stop\n");
}

bool AirWifi::start_scan() {
  if (scan_state_ == hal::ScanState::Running) return true;
  result_count_ = 0;
  scan_state_ = hal::ScanState::Running;
  scan_tag_ = link_.request(AirRequest::Scan, "scan\n");
  return true;
}

std::size_t AirWifi::scan_results(hal::ScanResult* out, std::size_t capacity) const {
  const std::size_t count = std::min(capacity, result_count_);
  std::copy_n(results_.begin(), count, out);
  return count;
}

bool AirWifi::join(const hal::StationConfig& config) {
  if (config.ssid_len == 0 || config.ssid_len > sizeof config.ssid) return false;
  const std::string_view ssid(reinterpret_cast<const char*>(config.ssid), config.ssid_len);
  const std::string_view password(config.password, strnlen(config.password, sizeof config.password));
  char line[air::kMaxLine];
  air::LineWriter writer(line, sizeof line);
  writer.verb(air::verb::kJoin).field("ssid", ssid);
  if (!password.empty()) writer.field("pass", password);
  if (!writer.finish()) return false;
  // A static IP is the air's business (its address pool); the port cannot ask
  // for one, so the core's static settings are ignored here.
  station_ = hal::StationStatus{};
  station_.state = hal::JoinState::Joining;
  station_tag_ = link_.request(AirRequest::Join, writer.line());
  return true;
}

void AirWifi::leave() {
  station_ = hal::StationStatus{};
  station_tag_ = link_.request(AirRequest::Leave, "leave\n");
}

void AirWifi::on_reply(AirRequest request, std::uint32_t tag, const air::Message& reply) {
  const bool ok = reply.is(air::verb::kOk);
  std::string detail(reply.get("reason"));
  if (reply.has("detail")) detail += " (" + std::string(reply.get("detail")) + ")";
  switch (request) {
    case AirRequest::Hello:
      if (ok) parse_mac(reply.get("mac"), &station_mac_);
      break;
    case AirRequest::ApStart:
      if (!ok && tag == ap_tag_) {
        ap_active_ = false;
        log("air: the world refused the AP: " + detail);
      }
      break;
    case AirRequest::Scan:
      if (tag == scan_tag_) scan_state_ = ok ? hal::ScanState::Done : hal::ScanState::Failed;
      break;
    case AirRequest::Join:
      if (tag != station_tag_) break;
      if (!ok) {
        station_.state = hal::JoinState::Failed;
        station_.failure = failure_from(reply.get("reason"));
        log("air: join failed: " + detail);
        break;
      }
      station_.state = hal::JoinState::Joined;
      station_.failure = hal::LinkFailure::None;
      if (!parse_ip4(reply.get("ip"), &station_.ip)) {
        station_.state = hal::JoinState::Failed;
        station_.failure = hal::LinkFailure::NoIp;
      }
      parse_ip4(reply.get("gw"), &station_.gateway);
      if (std::int32_t value = 0; reply.get_int("ch", &value))
        station_.channel = static_cast<std::uint8_t>(value);
      if (std::int32_t value = 0; reply.get_int("rssi", &value)) station_.rssi = clamp_rssi(value);
      break;
    case AirRequest::Leave:
    case AirRequest::ApStop:
    case AirRequest::Status:
    case AirRequest::Led:
      if (!ok && request != AirRequest::Leave) log("air: request failed: " + detail);
      break;
  }
}

void AirWifi::on_data(AirRequest request, std::uint32_t tag, const air::Message& line) {
  if (request != AirRequest::Scan || tag != scan_tag_ || !line.is(air::verb::kAp)) return;
  if (result_count_ >= results_.size()) return;
  air::ScanEntry entry;
  if (!air::read_scan_entry(line, &entry)) return;
  hal::ScanResult& result = results_[result_count_++];
  result = hal::ScanResult{};
  std::memcpy(result.ssid, entry.ssid, entry.ssid_length);
  result.ssid_len = entry.ssid_length;
  parse_mac(entry.bssid, &result.bssid);
  result.rssi = clamp_rssi(entry.rssi);
  result.channel = entry.channel;
  result.band = entry.band == air::Band::ghz5 ? hal::Band::Ghz5 : hal::Band::Ghz2_4;
  result.security = entry.security == air::Security::open ? hal::Security::Open : hal::Security::Wpa2;
}

void AirWifi::on_push(const air::Message& push) {
  if (!push.is(air::verb::kLinkLost)) return;
  if (station_.state != hal::JoinState::Joined && station_.state != hal::JoinState::Joining) return;
  station_.state = hal::JoinState::Failed;
  station_.failure = hal::LinkFailure::LinkLost;
  station_.ip = {};
  log("air: link lost: " + std::string(push.get("reason")));
}

}  // namespace onboard::port
