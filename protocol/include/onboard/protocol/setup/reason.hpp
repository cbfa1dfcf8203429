// Why provisioning failed: Edgent's coarse 70x codes and Onboard's finer reasons.
// Reasons travel as stable lowercase strings; each maps to exactly one 70x code for Edgent apps.
#pragma once

#include <cstdint>
#include <string_view>

namespace onboard::setup {

// The values of Edgent's `last_error`; 0 means no error has been recorded.
enum class ErrorCode : std::uint16_t {
  none = 0,
  config = 700,
  network = 701,
  cloud = 702,
  token = 703,
  internal = 704,
};

// Append-only: the strings are part of the wire contract with wizards and the cloud.
enum class Reason : std::uint8_t {
  none,
  invalid_config,        // the request failed validation, or a stored static IP is unusable
  wrong_password,        // the AP rejected our credentials
  network_not_found,     // no AP with that SSID answered
  no_ip,                 // associated, but DHCP gave no address
  join_timeout,          // no verdict from the radio within the join timeout
  band_unsupported,      // the SSID exists only on a band this radio lacks (5 GHz-only)
  security_unsupported,  // e.g. WPA2-EAP or WAPI on a radio that cannot do it
  dns_failed,            // the cloud host name did not resolve
  cloud_unreachable,     // TCP connect to the cloud failed
  tls_failed,            // handshake or certificate check failed
  cloud_timeout,         // connected, but no login answer in time
  token_invalid,         // the cloud rejected the auth token
  template_mismatch,     // the token belongs to another template than the firmware's
  storage_failed,        // the configuration could not be committed to flash
  internal,              // anything else on the device
};

inline constexpr std::uint16_t to_int(ErrorCode code) {
  return static_cast<std::uint16_t>(code);
}

std::string_view to_string(Reason reason);

// Returns false and leaves `out` untouched when `text` names no reason.
bool reason_from_string(std::string_view text, Reason& out);

ErrorCode error_code_for(Reason reason);

}  // namespace onboard::setup
