#include "onboard/device/ports/air_hal/radio_answers.hpp"

#include <cstring>

#include "onboard/protocol/air/address.hpp"
#include "onboard/protocol/air/scan_entry.hpp"
#include "onboard/protocol/air/vocabulary.hpp"

namespace onboard::air_hal {

hal::LinkFailure link_failure(std::string_view reason) {
  air::Reason parsed{};
  if (!air::parse(reason, &parsed)) return hal::LinkFailure::Other;
  switch (parsed) {
    case air::Reason::wrong_password: return hal::LinkFailure::WrongPassword;
    case air::Reason::network_not_found:
    case air::Reason::ssid_too_long: return hal::LinkFailure::NetworkNotFound;
    case air::Reason::router_off:
    case air::Reason::ap_gone:
    case air::Reason::channel_switch:
    case air::Reason::kicked: return hal::LinkFailure::LinkLost;
    default: return hal::LinkFailure::Other;
  }
}

bool read_scan_result(const air::Message& line, hal::ScanResult* out) {
  air::ScanEntry entry;
  if (!air::read_scan_entry(line, &entry)) return false;
  hal::ScanResult result;
  std::memcpy(result.ssid, entry.ssid, entry.ssid_length);
  result.ssid_len = entry.ssid_length;
  // An entry without a readable BSSID is still a network the user may pick: its BSSID stays zero.
  air::parse_mac(entry.bssid, result.bssid.bytes);
  result.rssi = air::clamp_rssi(entry.rssi);
  result.channel = entry.channel;
  result.band = entry.band == air::Band::ghz5 ? hal::Band::Ghz5 : hal::Band::Ghz2_4;
  result.security = entry.security == air::Security::open ? hal::Security::Open : hal::Security::Wpa2;
  *out = result;
  return true;
}

hal::MacAddress mac_from_chip_id(std::uint64_t chip_id) {
  hal::MacAddress mac;
  mac.bytes[0] = 0x02;
  for (std::size_t i = 1; i < 6; ++i) mac.bytes[i] = static_cast<std::uint8_t>(chip_id >> (8 * (5 - i)));
  return mac;
}

hal::MacAddress soft_ap_mac(const hal::MacAddress& station) {
  hal::MacAddress mac = station;
  mac.bytes[5] = static_cast<std::uint8_t>(mac.bytes[5] + 1);
  return mac;
}

}  // namespace onboard::air_hal
