// The radio of a simulated board: its AP, scans and station joins become
// requests to onboard-air; the answers arrive later and drive the states the
// core polls (Running -> Done, Joining -> Joined/Failed).
#pragma once

#include <array>
#include <cstdint>

#include "onboard/device/hal/wifi.hpp"
#include "onboard/device/ports/air/air_link.hpp"

namespace onboard::port {

class AirWifi final : public hal::Wifi, public AirListener {
 public:
  static constexpr std::size_t kMaxResults = air::kMaxScanEntries;

  // chip_id gives the MACs until the world's hello reply names the real one.
  AirWifi(AirLink& link, std::uint64_t chip_id, AirLink::LogFn log);

  bool start_ap(std::string_view ssid) override;
  void stop_ap() override;
  bool ap_active() const override { return ap_active_; }

  bool start_scan() override;
  hal::ScanState scan_state() const override { return scan_state_; }
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
    if (log_) log_(line);
  }

  AirLink& link_;
  AirLink::LogFn log_;
  bool ap_active_ = false;
  std::uint32_t ap_tag_ = 0;
  hal::ScanState scan_state_ = hal::ScanState::Idle;
  std::uint32_t scan_tag_ = 0;
  std::array<hal::ScanResult, kMaxResults> results_{};
  std::size_t result_count_ = 0;
  hal::StationStatus station_;
  // Only the reply to the latest join/leave counts: a join replaced by another
  // must not report its stale outcome.
  std::uint32_t station_tag_ = 0;
  hal::MacAddress station_mac_;
};

}  // namespace onboard::port
