// Why the device's scan is the source of truth: a board radio is 2.4 GHz-only and may be
// elsewhere in the house; the phone's own view is used only to explain a refusal.
#include "onboard/wizard/network_rules.hpp"

#include <algorithm>

#include "onboard/protocol/setup/field_rules.hpp"
#include "onboard/protocol/setup/limits.hpp"
#include "onboard/protocol/setup/parse_result.hpp"

namespace onboard::wizard {

bool is_device_ap(std::string_view ssid, const std::vector<std::string>& prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& p) {
    return !p.empty() && ssid.size() > p.size() && ssid.starts_with(p);
  });
}

std::vector<WifiNetwork> device_aps(const std::vector<WifiNetwork>& scan,
                                    const std::vector<std::string>& prefixes) {
  std::vector<WifiNetwork> out;
  for (const auto& n : scan) {
    if (!is_device_ap(n.ssid, prefixes)) continue;
    auto same = std::find_if(out.begin(), out.end(), [&](const WifiNetwork& o) { return o.ssid == n.ssid; });
    if (same == out.end()) {
      out.push_back(n);
    } else if (n.rssi > same->rssi) {
      *same = n;
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.rssi > b.rssi; });
  return out;
}

std::vector<DeviceNetwork> visible_networks(const std::vector<DeviceNetwork>& device_scan) {
  std::vector<DeviceNetwork> out;
  for (const auto& n : device_scan) {
    if (n.hidden || n.ssid.empty()) continue;
    auto same =
        std::find_if(out.begin(), out.end(), [&](const DeviceNetwork& o) { return o.ssid == n.ssid; });
    if (same == out.end()) {
      out.push_back(n);
    } else if (n.rssi > same->rssi) {
      *same = n;
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.rssi > b.rssi; });
  return out;
}

Result<NetworkVerdict> judge_network(const std::string& ssid, bool hidden,
                                     const std::vector<DeviceNetwork>& device_scan,
                                     const std::vector<WifiNetwork>& phone_scan) {
  if (setup::check_ssid(ssid) != setup::Rule::none) {
    return fail(Reason::invalid_config, "'" + ssid + "' is not a valid network name (1 to 32 bytes)");
  }
  for (const auto& n : device_scan) {
    if (n.ssid == ssid) return NetworkVerdict{&n, false};
  }
  bool on24 = false;
  bool on5 = false;
  for (const auto& n : phone_scan) {
    if (n.ssid != ssid) continue;
    on24 = on24 || n.band == Band::ghz24;
    on5 = on5 || n.band == Band::ghz5;
  }
  if (on5 && !on24) {
    return fail(Reason::band_unsupported,
                "'" + ssid + "' is a 5 GHz network, and the device can only use 2.4 GHz networks",
                Action::enable_2ghz_band, ssid);
  }
  if (hidden) {
    return NetworkVerdict{nullptr, true};
  }
  return fail(Reason::network_not_found, "the device does not see a network named '" + ssid + "'",
              Action::check_network_name, ssid);
}

Status check_password_for(const std::string& ssid, const std::string& password, const DeviceNetwork* entry) {
  if (entry != nullptr && entry->open() && !password.empty()) {
    return fail(Reason::invalid_config, "'" + ssid + "' is an open network; it needs no password",
                Action::leave_password_empty, ssid);
  }
  if (entry != nullptr && !entry->open() && password.empty()) {
    return fail(Reason::invalid_config, "'" + ssid + "' needs a password (" + entry->sec + ")",
                Action::give_password, ssid);
  }
  // The device takes any password, as Edgent does (a WEP key may be 5 characters); but a WPA
  // passphrase has 8..63, so a shorter one is a typo the wizard can catch before the device tries.
  if (entry != nullptr && entry->sec.rfind("WPA", 0) == 0 && entry->sec != "WPA2-EAP" && !password.empty() &&
      password.size() < setup::kPassphraseMinLength) {
    return fail(Reason::invalid_config,
                "the password for '" + ssid + "' (" + entry->sec + ") must have 8..63 characters",
                Action::check_password, ssid);
  }
  setup::Rule rule = setup::check_password(password);
  if (rule != setup::Rule::none) {
    return fail(Reason::invalid_config,
                "the password " + std::string(setup::describe(setup::Field::pass, rule)),
                Action::check_password, ssid);
  }
  return Done{};
}

}  // namespace onboard::wizard
