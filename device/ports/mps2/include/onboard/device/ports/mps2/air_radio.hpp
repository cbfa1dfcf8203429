// The board's radio as the core sees it, run by onboard-air over the serial
// link: AP, scans and joins become protocol/air requests, and their answers
// bring the matching lwIP interface up or down (the air wires the Ethernet).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onboard/device/hal/clock.hpp"
#include "onboard/device/hal/wifi.hpp"
#include "onboard/device/ports/mps2/radio_interfaces.hpp"
#include "onboard/device/ports/mps2/uart_air_link.hpp"

namespace onboard::mps2 {

using LogFn = void (*)(std::string_view line);

class AirRadio final : public hal::Wifi, public AirListener {
 public:
  static constexpr std::size_t kMaxResults = 16;
  // The air answers a scan at once (a few hundred bytes over the UART); one unanswered
  // this long never will be, and would otherwise keep every later scan from starting.
  static constexpr std::uint32_t kScanDeadlineMs = 5000;

  AirRadio(UartAirLink& link, RadioInterfaces& interfaces, const hal::Clock& clock, std::uint64_t chip_id,
           LogFn log_fn);

  bool start_ap(std::string_view ssid) override;
  void stop_ap() override;
  bool ap_active() const override { return ap_active_; }

  bool start_scan() override;
  // Failed once a running scan is past its deadline; the next start_scan() sends a new one.
  hal::ScanState scan_state() const override;
  std::size_t scan_results(hal::ScanResult* out, std::size_t capacity) const override;

  bool join(const hal::StationConfig& config) override;
  void leave() override;
  hal::StationStatus station_status() const override { return station_; }

  hal::MacAddress ap_mac() const override;
  hal::MacAddress station_mac() const override { return station_mac_; }

  void on_reply(AirRequest request, std::uint32_t tag, const air::Message& reply) override;
  void on_data(AirRequest request, std::uint32_t tag, const air::Message& line) override;
  void on_push(const air::Message& push) override;

 private:
  void log(std::string_view line) const {
    if (log_ != nullptr) log_(line);
  }
  void log_reason(std::string_view what, const air::Message& reply) const;

  bool scan_overdue() const;

  UartAirLink& link_;
  RadioInterfaces& interfaces_;
  const hal::Clock& clock_;
  LogFn log_;
  bool ap_active_ = false;
  std::uint32_t ap_tag_ = 0;
  hal::ScanState scan_state_ = hal::ScanState::Idle;
  std::uint32_t scan_tag_ = 0;  // a reply to an abandoned scan carries an older tag
  std::uint64_t scan_started_ms_ = 0;
  hal::ScanResult results_[kMaxResults] = {};
  std::size_t result_count_ = 0;
  hal::StationStatus station_;
  // Only the reply to the latest join/leave counts.
  std::uint32_t station_tag_ = 0;
  hal::MacAddress station_mac_;
};

}  // namespace onboard::mps2
