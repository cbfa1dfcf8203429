#include "onboard/device/ports/air/air_wifi.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "onboard/device/ports/air_hal/radio_answers.hpp"
#include "onboard/protocol/air/address.hpp"
#include "onboard/protocol/air/line_writer.hpp"
#include "onboard/protocol/air/vocabulary.hpp"

namespace onboard::port {

AirWifi::AirWifi(AirLink& link, std::uint64_t chip_id, AirLink::LogFn log)
    : link_(link), log_(std::move(log)), station_mac_(air_hal::mac_from_chip_id(chip_id)) {
  link_.add_listener(this);
}

hal::MacAddress AirWifi::ap_mac() const {
  return air_hal::soft_ap_mac(station_mac_);
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
      if (ok) air::parse_mac(reply.get("mac"), station_mac_.bytes);
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
        station_.failure = air_hal::link_failure(reply.get("reason"));
        log("air: join failed: " + detail);
        break;
      }
      station_.state = hal::JoinState::Joined;
      station_.failure = hal::LinkFailure::None;
      if (!air::parse_ip4(reply.get("ip"), &station_.ip.value)) {
        station_.state = hal::JoinState::Failed;
        station_.failure = hal::LinkFailure::NoIp;
      }
      air::parse_ip4(reply.get("gw"), &station_.gateway.value);
      if (std::int32_t value = 0; reply.get_int("ch", &value))
        station_.channel = static_cast<std::uint8_t>(value);
      if (std::int32_t value = 0; reply.get_int("rssi", &value)) station_.rssi = air::clamp_rssi(value);
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
  if (air_hal::read_scan_result(line, &results_[result_count_])) ++result_count_;
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
