#include "onboard/device/settings.hpp"

#include <cstring>

namespace onboard::device {
namespace {

bool fail(char* why, std::size_t cap, const char* text) {
  if (cap > 0) {
    std::size_t n = std::strlen(text);
    if (n >= cap) n = cap - 1;
    std::memcpy(why, text, n);
    why[n] = '\0';
  }
  return false;
}

bool empty(const char* text) {
  return text == nullptr || text[0] == '\0';
}

}  // namespace

bool validate(const Settings& s, char* why, std::size_t cap) {
  if (s.template_id == nullptr || std::strncmp(s.template_id, "TMPL", 4) != 0) {
    return fail(why, cap,
                "template id must start with TMPL: copy BLYNK_TEMPLATE_ID from the template's Firmware "
                "configuration in the console");
  }
  if (empty(s.template_name)) {
    return fail(why, cap,
                "template name is empty: copy BLYNK_TEMPLATE_NAME from the template's Firmware "
                "configuration in the console");
  }
  if (empty(s.firmware_version)) return fail(why, cap, "firmware version is empty");
  // The AP name needs room for " <at least one name character>-XXXX" within 32 bytes.
  if (s.ssid_prefix == nullptr || std::strlen(s.ssid_prefix) > 20) {
    return fail(why, cap, "ssid prefix must be at most 20 bytes");
  }
  if (empty(s.cloud_host) || s.cloud_port == 0) return fail(why, cap, "cloud host and port are required");
  if (s.backoff_start_ms == 0 || s.backoff_cap_ms < s.backoff_start_ms) {
    return fail(why, cap, "backoff cap must be at least the backoff start, which must be positive");
  }
  if (s.heartbeat_s == 0 || s.messages_per_second == 0) {
    return fail(why, cap, "heartbeat and message rate must be positive");
  }
  if (button_shares_led_pin(s.board)) return fail(why, cap, "the button and the LED share a pin");
  if (cap > 0) why[0] = '\0';
  return true;
}

}  // namespace onboard::device
