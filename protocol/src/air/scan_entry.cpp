#include "onboard/protocol/air/scan_entry.hpp"

#include <cstring>

namespace onboard::air {

bool write_scan_entry(LineWriter& writer, const ScanEntry& entry) {
  writer.verb(verb::kAp)
      .field("ssid", entry.ssid_view())
      .field("bssid", std::string_view(entry.bssid))
      .field("rssi", entry.rssi)
      .field("sec", to_string(entry.security))
      .field("ch", entry.channel)
      .field("band", to_string(entry.band));
  return writer.finish();
}

bool read_scan_entry(const Message& message, ScanEntry* out) {
  if (!message.is(verb::kAp)) return false;
  ScanEntry entry;
  const std::string_view ssid = message.get("ssid");
  const std::string_view bssid = message.get("bssid");
  if (ssid.empty() || ssid.size() > kMaxSsid || bssid.size() >= sizeof entry.bssid) return false;
  std::memcpy(entry.ssid, ssid.data(), ssid.size());
  entry.ssid_length = static_cast<std::uint8_t>(ssid.size());
  if (!bssid.empty()) std::memcpy(entry.bssid, bssid.data(), bssid.size());
  std::int32_t rssi = 0;
  std::int32_t channel = 0;
  if (!message.get_int("rssi", &rssi) || rssi < -127 || rssi > 0) return false;
  if (!message.get_int("ch", &channel) || channel < 1 || channel > 196) return false;
  entry.rssi = static_cast<std::int16_t>(rssi);
  entry.channel = static_cast<std::uint8_t>(channel);
  if (!parse(message.get("sec"), &entry.security) || !parse(message.get("band"), &entry.band)) return false;
  *out = entry;
  return true;
}

}  // namespace onboard::air
