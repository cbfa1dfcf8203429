// The body of GET /board_info.json: who the device is, so the wizard can check the template.
// Edgent's keys unchanged, plus `onboard` (protocol version) and `last_reason` as extensions.
#pragma once

#include <cstddef>
#include <string_view>

#include "onboard/protocol/setup/limits.hpp"
#include "onboard/protocol/setup/mac_address.hpp"
#include "onboard/protocol/setup/reason.hpp"

namespace onboard::setup {

// Views into the caller's storage; nothing is copied until the JSON is written.
struct BoardInfo {
  std::string_view board;    // template name
  std::string_view tmpl_id;  // "TMPL..."
  std::string_view fw_type;
  std::string_view fw_ver;
  std::string_view ssid;              // the device's own AP name
  MacAddress bssid;                   // the AP's MAC
  MacAddress mac;                     // the station MAC
  Reason last_reason = Reason::none;  // last_error is derived from it, so the two cannot disagree
  bool wifi_scan = true;
  bool static_ip = true;
  // "open" (clear-text, Edgent-compatible) or "spake2p" (secure-setup contract).
  std::string_view security = "open";
  // A wizard sees this key only on Onboard devices; plain Edgent lacks it.
  int onboard = kOnboardProtocolVersion;
};

// {"board":..,"tmpl_id":..,"fw_type":..,"fw_ver":..,"ssid":..,"bssid":..,"mac":..,
//  "last_error":701,"wifi_scan":true,"static_ip":true,"onboard":1,"last_reason":"wrong_password"}
// Returns the length written (not NUL-terminated), or 0 when it does not fit `cap`.
std::size_t write_board_info_json(const BoardInfo& info, char* out, std::size_t cap);

// The wizard's side: reads a board_info.json body. Texts are views into `scratch` (the
// body's size is always enough). Unknown keys are ignored; a missing key leaves its zero
// value (onboard = 0: a plain Edgent device; security empty: no secure setup); an unknown
// last_reason reads as internal.
// False when the body is not a JSON object of this shape.
bool read_board_info_json(std::string_view json, char* scratch, std::size_t cap, BoardInfo& out);

}  // namespace onboard::setup
