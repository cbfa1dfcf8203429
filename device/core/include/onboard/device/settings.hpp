// The runtime values a device is built with: template identity, board, cloud
// endpoint and timings. Sketches fill it through sketch.hpp; Linux from flags.
#pragma once

#include <cstddef>
#include <cstdint>

#include "onboard/device/board.hpp"

namespace onboard::device {

struct Settings {
  // From the console: the template id ("TMPL...") and its exact name.
  const char* template_id = "";
  const char* template_name = "";
  const char* firmware_version = "0.1.0";
  const char* firmware_type = nullptr;  // `fw-type`; null: the template name
  const char* build = "";               // `build` info, e.g. __DATE__ " " __TIME__

  // The AP is named "<ssid_prefix> <template name>-<XXXX>".
  const char* ssid_prefix = "Onboard";

  BoardConfig board{};

  // Used when /config names no host or port.
  const char* cloud_host = "onboard.cloud";
  std::uint16_t cloud_port = 443;
  bool cloud_tls = true;  // false: plain TCP (e.g. port 8080 of a self-hosted cloud)

  // Offline this long with saved credentials: the AP opens alongside the retries.
  std::uint32_t offline_ap_delay_ms = 600000;
  // Reconnect delays double from backoff_start_ms up to backoff_cap_ms, forever.
  std::uint32_t backoff_start_ms = 2000;
  std::uint32_t backoff_cap_ms = 60000;
  std::uint32_t join_timeout_ms = 50000;
  std::uint32_t cloud_connect_timeout_ms = 50000;
  std::uint32_t login_timeout_ms = 6000;
  // After a successful /config the AP stays up this long so the wizard can read "activated".
  std::uint32_t ap_linger_ms = 10000;
  std::uint16_t heartbeat_s = 45;
  std::uint16_t messages_per_second = 15;  // outgoing rate limit to the cloud
  std::uint16_t button_debounce_ms = 50;

  // false: serve only the public Edgent setup API (no /connect_status.json, no extra keys).
  bool onboard_extensions = true;
  // true: DNS answers every name with the AP address (captive portal); false: only
  // "blynk.setup" and "onboard.setup".
  bool captive_portal = true;
};

// Checks what the compiler cannot check for runtime Settings (the Linux program):
// template id starts with "TMPL", name non-empty, AP prefix short, sane timings.
// On failure writes a NUL-terminated sentence into why (if cap > 0).
bool validate(const Settings& settings, char* why, std::size_t cap);

}  // namespace onboard::device
