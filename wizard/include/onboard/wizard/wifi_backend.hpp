// The phone's Wi-Fi radio as the wizard needs it: scan, join, leave, and come back home.
// Implemented by AirWifi (the virtual world) and NmWifi (NetworkManager); tests use fakes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "onboard/wizard/cancel.hpp"
#include "onboard/wizard/failure.hpp"

namespace onboard::wizard {

enum class Band { ghz24, ghz5, unknown };

struct WifiNetwork {
  std::string ssid;
  std::string bssid;
  int rssi = 0;  // dBm
  int channel = 0;
  Band band = Band::unknown;
  std::string security;  // Edgent's names (OPEN, WPA2, ...) where known
};

// Where the wizard was before it joined the device, so it can return there.
struct HomeLink {
  std::string ssid;
  std::string profile;  // backend-specific handle (a NetworkManager connection UUID)
};

class WifiBackend {
 public:
  virtual ~WifiBackend() = default;
  // The session's cancel token: a backend that waits (for the radio, for the world) should
  // stop waiting when it is cancelled and fail with Reason::cancelled.
  virtual void watch(const CancelToken& token) { (void)token; }
  virtual Result<std::vector<WifiNetwork>> scan() = 0;
  // Failure reasons: wrong_password, network_not_found, join_timeout, wifi_error.
  virtual Status join(const std::string& ssid, const std::string& password) = 0;
  // Leaves the current network (and forgets a temporary profile made for a device AP).
  virtual Status leave() = 0;
  // The Wi-Fi network we are on now; nullopt when none (e.g. a wired Raspberry Pi).
  virtual Result<std::optional<HomeLink>> current() = 0;
  // Returns to `home`; `password` is used only when the backend kept no profile for it.
  virtual Status rejoin(const HomeLink& home, const std::string& password) = 0;
};

// 2.4 GHz channels are 1..14; everything above is 5 GHz (or 6 GHz, which a board cannot use either).
inline Band band_of_channel(int channel) {
  if (channel >= 1 && channel <= 14) return Band::ghz24;
  if (channel > 14) return Band::ghz5;
  return Band::unknown;
}

}  // namespace onboard::wizard
