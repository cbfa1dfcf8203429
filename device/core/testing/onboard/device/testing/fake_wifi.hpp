// A fake radio for tests: routers with SSID, password, band and power; scans
// and joins that finish after a delay on the fake clock; AP on/off counting.
#pragma once

#include <cstring>
#include <string>
#include <vector>

#include "onboard/device/hal/wifi.hpp"
#include "onboard/device/testing/fake_basics.hpp"

namespace onboard::testing {

class FakeWifi : public hal::Wifi {
 public:
  struct Network {
    std::string ssid;
    std::string password;
    hal::Band band = hal::Band::Ghz2_4;
    hal::Security security = hal::Security::Wpa2;
    std::int8_t rssi = -50;
    std::uint8_t channel = 6;
    bool up = true;
  };

  explicit FakeWifi(const FakeClock& clock) : clock_(clock) {}
  virtual ~FakeWifi() = default;

  Network& add(std::string ssid, std::string password, hal::Band band = hal::Band::Ghz2_4) {
    networks.push_back({std::move(ssid), std::move(password), band});
    return networks.back();
  }
  Network* find(const std::string& ssid) {
    for (auto& n : networks) {
      if (n.ssid == ssid) return &n;
    }
    return nullptr;
  }

  bool start_ap(std::string_view ssid) override {
    if (ssid.size() > 32) return false;
    ap_ssid = std::string(ssid);
    if (!ap) ++ap_starts;
    ap = true;
    return true;
  }
  void stop_ap() override {
    if (ap) ++ap_stops;
    ap = false;
  }
  bool ap_active() const override { return ap; }

  bool start_scan() override {
    scan_done_at_ = clock_.now + scan_ms;
    scanning_ = true;
    ++scans;
    return true;
  }
  hal::ScanState scan_state() const override {
    if (!scanning_) return scans > 0 ? hal::ScanState::Done : hal::ScanState::Idle;
    return clock_.now >= scan_done_at_ ? hal::ScanState::Done : hal::ScanState::Running;
  }
  std::size_t scan_results(hal::ScanResult* out, std::size_t capacity) const override {
    std::size_t n = 0;
    for (const auto& net : networks) {
      if (!net.up || (net.band == hal::Band::Ghz5 && !radio_5ghz) || n == capacity) continue;
      hal::ScanResult& r = out[n++];
      r = hal::ScanResult{};
      std::memcpy(r.ssid, net.ssid.data(), net.ssid.size() < 32 ? net.ssid.size() : 32);
      r.ssid_len = static_cast<std::uint8_t>(net.ssid.size() < 32 ? net.ssid.size() : 32);
      r.rssi = net.rssi;
      r.channel = net.channel;
      r.band = net.band;
      r.security = net.security;
    }
    return n;
  }

  bool join(const hal::StationConfig& config) override {
    joined_ssid_.assign(reinterpret_cast<const char*>(config.ssid), config.ssid_len);
    joined_password_ = config.password;
    last_join = config;
    join_at_ = clock_.now + join_ms;
    joining_ = true;
    ++joins;
    return true;
  }
  void leave() override { joining_ = false; }
  hal::StationStatus station_status() const override {
    hal::StationStatus s;
    if (!joining_) return s;
    if (clock_.now < join_at_) {
      s.state = hal::JoinState::Joining;
      return s;
    }
    const Network* net = nullptr;
    for (const auto& n : networks) {
      if (n.ssid == joined_ssid_ && (n.band == hal::Band::Ghz2_4 || radio_5ghz)) net = &n;
    }
    if (net == nullptr || !net->up) {
      s.state = hal::JoinState::Failed;
      s.failure = hal::LinkFailure::NetworkNotFound;
      return s;
    }
    if (net->password != joined_password_) {
      s.state = hal::JoinState::Failed;
      s.failure = hal::LinkFailure::WrongPassword;
      return s;
    }
    s.state = hal::JoinState::Joined;
    s.ip.value = 0xC0A80164;
    s.channel = net->channel;
    s.rssi = net->rssi;
    return s;
  }

  hal::MacAddress ap_mac() const override { return {{0x24, 0x0A, 0xC4, 0x00, 0x00, 0x01}}; }
  hal::MacAddress station_mac() const override { return {{0x24, 0x0A, 0xC4, 0x00, 0x00, 0x00}}; }

  std::vector<Network> networks;
  bool radio_5ghz = false;
  std::uint64_t scan_ms = 100;
  std::uint64_t join_ms = 500;
  bool ap = false;
  std::string ap_ssid;
  int ap_starts = 0, ap_stops = 0, scans = 0, joins = 0;
  hal::StationConfig last_join;

 private:
  const FakeClock& clock_;
  std::uint64_t scan_done_at_ = 0;
  bool scanning_ = false;
  std::string joined_ssid_, joined_password_;
  std::uint64_t join_at_ = 0;
  bool joining_ = false;
};

}  // namespace onboard::testing
