#include "onboard/device/ports/mps2/air_radio.hpp"

#include "onboard/device/ports/air_hal/radio_answers.hpp"
#include "onboard/protocol/air/address.hpp"
#include "onboard/protocol/air/line_writer.hpp"
#include "onboard/protocol/air/vocabulary.hpp"

namespace onboard::mps2 {

namespace {

constexpr hal::Ip4 kApAddress{0xC0A80401u};  // 192.168.4.1
constexpr hal::Ip4 kApMask{0xFFFFFF00u};

}  // namespace

AirRadio::AirRadio(UartAirLink& link, RadioInterfaces& interfaces, const hal::Clock& clock,
                   std::uint64_t chip_id, LogFn log_fn)
    : link_(link),
      interfaces_(interfaces),
      clock_(clock),
      log_(log_fn),
      station_mac_(air_hal::mac_from_chip_id(chip_id)) {
  link_.add_listener(this);
}

hal::MacAddress AirRadio::ap_mac() const {
  return air_hal::soft_ap_mac(station_mac_);
}

void AirRadio::log_reason(std::string_view what, const air::Message& reply) const {
  char line[160];
  air::LineWriter text(line, sizeof line);
  // Plain text, not a protocol line: the writer is only a bounded buffer here.
  text.verb("air");
  text.field("event", what).field("reason", reply.get("reason"));
  if (reply.has("detail")) text.field("detail", reply.get("detail"));
  log(text.line());
}

bool AirRadio::start_ap(std::string_view ssid) {
  if (ssid.empty() || ssid.size() > air::kMaxSsid) return false;
  char line[air::kMaxLine];
  air::LineWriter writer(line, sizeof line);
  if (!writer.verb(air::verb::kApStart).field("ssid", ssid).finish()) return false;
  ap_tag_ = link_.request(AirRequest::ApStart, writer.line());
  if (ap_tag_ == 0) return false;
  // Optimistic until the world answers, as on the Linux board: an error reply turns it off.
  ap_active_ = true;
  interfaces_.ap_up(kApAddress, kApMask);
  return true;
}

void AirRadio::stop_ap() {
  ap_active_ = false;
  interfaces_.ap_down();
  ap_tag_ = link_.request(AirRequest::ApStop, "ap_stop\n");
}

bool AirRadio::scan_overdue() const {
  return scan_state_ == hal::ScanState::Running && clock_.now_ms() - scan_started_ms_ >= kScanDeadlineMs;
}

hal::ScanState AirRadio::scan_state() const {
  return scan_overdue() ? hal::ScanState::Failed : scan_state_;
}

bool AirRadio::start_scan() {
  if (scan_overdue()) {
    log("air event=scan_timeout: no answer to the last scan, asking again");
  } else if (scan_state_ == hal::ScanState::Running) {
    return true;
  }
  result_count_ = 0;
  scan_tag_ = link_.request(AirRequest::Scan, "scan\n");
  scan_started_ms_ = clock_.now_ms();
  scan_state_ = scan_tag_ != 0 ? hal::ScanState::Running : hal::ScanState::Failed;
  return scan_tag_ != 0;
}

std::size_t AirRadio::scan_results(hal::ScanResult* out, std::size_t capacity) const {
  const std::size_t count = capacity < result_count_ ? capacity : result_count_;
  for (std::size_t i = 0; i < count; ++i) out[i] = results_[i];
  return count;
}

bool AirRadio::join(const hal::StationConfig& config) {
  if (config.ssid_len == 0 || config.ssid_len > sizeof config.ssid) return false;
  const std::string_view ssid(reinterpret_cast<const char*>(config.ssid), config.ssid_len);
  std::size_t password_length = 0;
  while (password_length < sizeof config.password && config.password[password_length] != '\0')
    ++password_length;
  const std::string_view password(config.password, password_length);
  char line[air::kMaxLine];
  air::LineWriter writer(line, sizeof line);
  writer.verb(air::verb::kJoin).field("ssid", ssid);
  if (!password.empty()) writer.field("pass", password);
  if (!writer.finish()) return false;
  // The air's address pool gives the address: the core's static settings are not asked for.
  interfaces_.station_down();
  station_ = hal::StationStatus{};
  station_.state = hal::JoinState::Joining;
  station_tag_ = link_.request(AirRequest::Join, writer.line());
  if (station_tag_ == 0) {
    station_.state = hal::JoinState::Failed;
    station_.failure = hal::LinkFailure::Other;
  }
  return true;
}

void AirRadio::leave() {
  interfaces_.station_down();
  station_ = hal::StationStatus{};
  station_tag_ = link_.request(AirRequest::Leave, "leave\n");
}

void AirRadio::on_reply(AirRequest request, std::uint32_t tag, const air::Message& reply) {
  const bool ok = reply.is(air::verb::kOk);
  switch (request) {
    case AirRequest::Hello:
      if (ok && air::parse_mac(reply.get("mac"), station_mac_.bytes))
        interfaces_.set_station_mac(station_mac_);
      if (!ok) log_reason("hello_refused", reply);
      break;
    case AirRequest::ApStart:
      if (!ok && tag == ap_tag_) {
        ap_active_ = false;
        interfaces_.ap_down();
        log_reason("ap_refused", reply);
      }
      break;
    case AirRequest::Scan:
      if (tag == scan_tag_) scan_state_ = ok ? hal::ScanState::Done : hal::ScanState::Failed;
      break;
    case AirRequest::Join: {
      if (tag != station_tag_) break;
      if (!ok) {
        station_.state = hal::JoinState::Failed;
        station_.failure = air_hal::link_failure(reply.get("reason"));
        log_reason("join_failed", reply);
        break;
      }
      hal::Ip4 ip, gateway, dns;
      std::int32_t mask_bits = 24;
      reply.get_int("mask", &mask_bits);
      if (mask_bits < 0 || mask_bits > 32) mask_bits = 24;
      const hal::Ip4 mask{mask_bits == 0 ? 0u : ~0u << (32 - mask_bits)};
      if (!air::parse_ip4(reply.get("ip"), &ip.value)) {
        station_.state = hal::JoinState::Failed;
        station_.failure = hal::LinkFailure::NoIp;
        break;
      }
      air::parse_ip4(reply.get("gw"), &gateway.value);
      if (!air::parse_ip4(reply.get("dns"), &dns.value)) dns = gateway;
      interfaces_.station_up(ip, mask, gateway, dns);
      station_.state = hal::JoinState::Joined;
      station_.failure = hal::LinkFailure::None;
      station_.ip = ip;
      station_.gateway = gateway;
      if (std::int32_t value = 0; reply.get_int("ch", &value))
        station_.channel = static_cast<std::uint8_t>(value);
      if (std::int32_t value = 0; reply.get_int("rssi", &value)) station_.rssi = air::clamp_rssi(value);
      break;
    }
    case AirRequest::Leave:
    case AirRequest::ApStop:
    case AirRequest::Status:
    case AirRequest::Led:
      if (!ok && request != AirRequest::Leave) log_reason("request_failed", reply);
      break;
  }
}

void AirRadio::on_data(AirRequest request, std::uint32_t tag, const air::Message& line) {
  if (request != AirRequest::Scan || tag != scan_tag_ || !line.is(air::verb::kAp)) return;
  if (result_count_ >= kMaxResults) return;
  if (air_hal::read_scan_result(line, &results_[result_count_])) ++result_count_;
}

void AirRadio::on_push(const air::Message& push) {
  if (!push.is(air::verb::kLinkLost)) return;
  if (station_.state != hal::JoinState::Joined && station_.state != hal::JoinState::Joining) return;
  interfaces_.station_down();
  station_.state = hal::JoinState::Failed;
  station_.failure = hal::LinkFailure::LinkLost;
  station_.ip = {};
  log_reason("link_lost", push);
}

}  // namespace onboard::mps2
