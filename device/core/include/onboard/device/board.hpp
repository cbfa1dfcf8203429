// The setup button and status LED of a board: the reference's ESP32/ESP8266
// presets, a custom board, and the constexpr checks sketch.hpp turns into errors.
#pragma once

#include <cstdint>
#include <string_view>

namespace onboard::device {

inline constexpr std::int16_t kNoPin = -1;

enum class LedKind : std::uint8_t { None, Single, Rgb, Ws2812 };

struct BoardConfig {
  const char* name = "custom";
  std::int16_t button_pin = 0;  // kNoPin: no button
  bool button_active_low = true;
  // true: the port calls Device::button_interrupt() on every edge and the pin is
  // read only then (and while debouncing); false: run() polls the pin.
  bool button_interrupt = false;
  LedKind led = LedKind::Single;
  std::int16_t led_pin = 4;  // single LED, WS2812 data pin, or red of an RGB LED
  std::int16_t led_pin_green = kNoPin;
  std::int16_t led_pin_blue = kNoPin;
  bool led_inverse = false;  // the LED lights when its pin is LOW
  std::uint8_t led_brightness = 64;
};

// The custom board of the reference: button 0 active-low, LED 4, brightness 64.
inline constexpr BoardConfig kCustomBoard{};

inline constexpr bool led_uses_pin(const BoardConfig& board, std::int16_t pin) {
  if (pin == kNoPin || board.led == LedKind::None) return false;
  if (board.led_pin == pin) return true;
  return board.led == LedKind::Rgb && (board.led_pin_green == pin || board.led_pin_blue == pin);
}

// The forum's most common mistake: a button and an LED on one pin never work.
inline constexpr bool button_shares_led_pin(const BoardConfig& board) {
  return led_uses_pin(board, board.button_pin);
}

// Preset names are matched ignoring case, with '-', '_' and ' ' alike:
// "nodemcu", "wemos_d1_mini", "sparkfun_blynk_board", "witty_cloud", "esp32_wrover",
// "ttgo_t7", "ttgo_t_oi", "esp32_dev_module", "esp32c3_dev", "esp32s2_dev_kit", "custom".
// Returns null for an unknown name.
const BoardConfig* find_board_preset(std::string_view name);

// For listing (e.g. the Linux program's --help): the i-th preset, null past the end.
const BoardConfig* board_preset_at(std::size_t index);

}  // namespace onboard::device
