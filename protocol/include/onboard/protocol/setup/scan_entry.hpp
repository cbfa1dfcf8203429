// One network of the device's Wi-Fi scan, and the /wifi_scan.json array built from them.
// The device scans (the phone may not see the 2.4 GHz-only picture the board sees).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onboard/protocol/setup/limits.hpp"
#include "onboard/protocol/setup/mac_address.hpp"

namespace onboard::setup {

// Edgent's `sec` values; unknown covers whatever a radio reports that we cannot name.
enum class Security : std::uint8_t {
  open,
  wep,
  wpa,
  wpa2,
  wpa_wpa2,
  wpa2_eap,
  wpa3,
  wpa2_wpa3,
  wapi,
  unknown,
};

// "OPEN", "WEP", "WPA", "WPA2", "WPA+WPA2", "WPA2-EAP", "WPA3", "WPA2+WPA3", "WAPI", "unknown".
std::string_view to_string(Security security);
// Returns false and leaves `out` alone for strings not in the list above.
bool security_from_string(std::string_view text, Security& out);

struct ScanEntry {
  char ssid[kSsidMaxLength] = {};  // raw bytes, not NUL-terminated; empty for hidden networks
  std::uint8_t ssid_len = 0;
  MacAddress bssid;
  int rssi = 0;  // dBm, higher is stronger
  Security security = Security::unknown;
  std::uint8_t channel = 0;
  bool hidden = false;

  std::string_view ssid_view() const { return {ssid, ssid_len}; }
  // Truncates to kSsidMaxLength: a radio never reports more, so this only guards the buffer.
  void set_ssid(std::string_view value);
};

// Writes [{"ssid":..,"bssid":..,"rssi":-40,"sec":"WPA2","ch":6,"hidden":0}, ...] (`hidden` 0 or 1
// as Edgent's ESP8266 firmware writes it; readers take a JSON boolean as well): the
// kMaxScanEntries strongest of `n` entries, strongest first, equal RSSI in input order.
// Any `n` is fine (selection needs only a kMaxScanEntries-slot index on the stack).
// Returns the length written (not NUL-terminated), or 0 when it does not fit `cap`.
std::size_t write_scan_json(const ScanEntry* entries, std::size_t n, char* out, std::size_t cap);
// One entry of that array, for a device that streams the array entry by entry.
std::size_t write_scan_entry_json(const ScanEntry& entry, char* out, std::size_t cap);

// Enough for kMaxScanEntries entries with the worst-case SSID (32 control bytes -> \u00XX each).
inline constexpr std::size_t kScanJsonMaxLength = 2 + kMaxScanEntries * (6 * kSsidMaxLength + 128);

// The wizard's side: reads a wifi_scan.json array into out[0..cap); entries past `cap` are
// read and dropped. An unknown `sec` reads as Security::unknown, an empty SSID as hidden.
// False when the body is not a JSON array of objects.
bool read_scan_json(std::string_view json, ScanEntry* out, std::size_t cap, std::size_t* count);

}  // namespace onboard::setup
