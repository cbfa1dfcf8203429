// The wizard's rules for which networks it offers and accepts: device APs by name prefix,
// and a home network only if the device itself can see it (2.4 GHz).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onboard/wizard/device_client.hpp"
#include "onboard/wizard/failure.hpp"
#include "onboard/wizard/wifi_backend.hpp"

namespace onboard::wizard {

// "Onboard " is ours; "Blynk " is what public Edgent firmware broadcasts.
inline const std::vector<std::string> kDefaultDevicePrefixes = {"Onboard ", "Blynk "};

bool is_device_ap(std::string_view ssid, const std::vector<std::string>& prefixes);

// The device APs of a phone scan, strongest first, one entry per SSID.
std::vector<WifiNetwork> device_aps(const std::vector<WifiNetwork>& scan,
                                    const std::vector<std::string>& prefixes);

// The device's scan without hidden entries and duplicates (strongest kept), strongest first.
std::vector<DeviceNetwork> visible_networks(const std::vector<DeviceNetwork>& device_scan);

struct NetworkVerdict {
  const DeviceNetwork* entry = nullptr;  // the device's scan entry, when it sees the network
  bool hidden_guess = false;             // a typed hidden network the device's scan lacks
};

// Judges the user's choice of `ssid`: it must be in the device's own scan. Otherwise a network
// the phone sees only on 5 GHz is refused with band_unsupported, and `hidden` (the user says
// the network hides its name) is accepted with a warning; anything else is network_not_found.
Result<NetworkVerdict> judge_network(const std::string& ssid, bool hidden,
                                     const std::vector<DeviceNetwork>& device_scan,
                                     const std::vector<WifiNetwork>& phone_scan);

// Client-side checks of the password with protocol/setup's rules (the device applies the same:
// any length up to 63, or 64 hex digits, as Edgent), plus what the device cannot know before it
// tries: a network the scan shows as WPA needs a passphrase of 8..63 characters.
Status check_password_for(const std::string& ssid, const std::string& password, const DeviceNetwork* entry);

}  // namespace onboard::wizard
