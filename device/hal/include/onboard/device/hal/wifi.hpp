// The radio as the device core sees it: its own open access point, scans, and
// a station join, all non-blocking: start an operation, then poll its status.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onboard/device/hal/types.hpp"

namespace onboard::hal {

enum class Band : std::uint8_t { Ghz2_4, Ghz5 };

enum class Security : std::uint8_t {
  Open,
  Wep,
  Wpa,
  Wpa2,
  WpaWpa2,
  Wpa2Enterprise,
  Wpa3,
  Wpa2Wpa3,
  Wapi,
  Unknown
};

struct ScanResult {
  std::uint8_t ssid[32] = {};
  std::uint8_t ssid_len = 0;  // 0 for a hidden network
  MacAddress bssid;
  std::int8_t rssi = 0;  // dBm
  std::uint8_t channel = 0;
  Band band = Band::Ghz2_4;
  Security security = Security::Unknown;
};

enum class ScanState : std::uint8_t { Idle, Running, Done, Failed };

enum class JoinState : std::uint8_t { Idle, Joining, Joined, Failed };

// Why a join failed or a link was lost, as precisely as the radio can tell.
enum class LinkFailure : std::uint8_t {
  None,
  WrongPassword,
  NetworkNotFound,
  NoIp,
  Timeout,
  LinkLost,
  Other
};

struct StationConfig {
  std::uint8_t ssid[32] = {};
  std::uint8_t ssid_len = 0;
  char password[65] = {};  // NUL-terminated; empty for an open network
  bool static_ip = false;
  Ip4 ip, mask, gateway, dns, dns2;
};

struct StationStatus {
  JoinState state = JoinState::Idle;
  LinkFailure failure = LinkFailure::None;
  Ip4 ip;
  Ip4 gateway;
  std::uint8_t channel = 0;
  std::int8_t rssi = 0;
};

class Wifi {
 public:
  // Opens an open (passwordless) 2.4 GHz access point at 192.168.4.1/24.
  // Returns false when the radio refuses (e.g. SSID over 32 bytes).
  virtual bool start_ap(std::string_view ssid) = 0;
  virtual void stop_ap() = 0;
  virtual bool ap_active() const = 0;

  // Starts a scan; scan_state() turns Done, then scan_results() copies at
  // most capacity entries and returns how many it wrote.
  virtual bool start_scan() = 0;
  virtual ScanState scan_state() const = 0;
  virtual std::size_t scan_results(ScanResult* out, std::size_t capacity) const = 0;

  // Starts joining; station_status() reports Joining, then Joined or Failed.
  // A new join replaces the current association.
  virtual bool join(const StationConfig& config) = 0;
  virtual void leave() = 0;
  virtual StationStatus station_status() const = 0;

  virtual MacAddress ap_mac() const = 0;
  virtual MacAddress station_mac() const = 0;

 protected:
  ~Wifi() = default;
};

}  // namespace onboard::hal
