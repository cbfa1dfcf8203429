// One network in a scan reply: "ap ssid=.. bssid=.. rssi=.. sec=.. ch=.. band=..".
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onboard/protocol/air/limits.hpp"
#include "onboard/protocol/air/line_writer.hpp"
#include "onboard/protocol/air/message.hpp"
#include "onboard/protocol/air/vocabulary.hpp"

namespace onboard::air {

struct ScanEntry {
  char ssid[kMaxSsid] = {};  // arbitrary bytes, not NUL-terminated
  std::uint8_t ssid_length = 0;
  char bssid[18] = {};  // "02:00:00:00:00:01", NUL-terminated
  std::int16_t rssi = 0;
  Security security = Security::open;
  std::uint8_t channel = 0;
  Band band = Band::ghz2_4;

  std::string_view ssid_view() const { return {ssid, ssid_length}; }
};

// Writes the entry as one "ap" line (with '\n'); false when it does not fit.
bool write_scan_entry(LineWriter& writer, const ScanEntry& entry);
// Reads an "ap" message; false when it is not one or a field is bad.
bool read_scan_entry(const Message& message, ScanEntry* out);

}  // namespace onboard::air
