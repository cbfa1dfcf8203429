// The status LED: the reference's colour and blink/wave pattern per state,
// computed for an instant, then shown on a single, RGB or WS2812 LED.
#pragma once

#include <cstdint>

#include "onboard/device/board.hpp"
#include "onboard/device/button.hpp"
#include "onboard/device/hal/gpio.hpp"
#include "onboard/device/hal/led.hpp"
#include "onboard/device/state.hpp"

namespace onboard::device {

struct LedPattern {
  std::uint8_t r, g, b;
  // Blink: on/off times in ms, repeated (up to two pairs); wave: wave_ms > 0.
  std::uint16_t times[4];
  std::uint16_t wave_ms;
  const char* name;  // "blink 50/500", "wave 5000"
};

const LedPattern& pattern_for(State state, Button::Hold hold);

// Level 0..255 of the pattern at time t (before brightness).
std::uint8_t pattern_level(const LedPattern& pattern, std::uint64_t t);

class Indicator {
 public:
  explicit Indicator(const BoardConfig& board) : board_(board) {}

  void begin(hal::Gpio& gpio);
  // Shows the pattern for now; writes pins or the hal::Led only on a change.
  void update(std::uint64_t now, State state, Button::Hold hold, hal::Gpio& gpio, hal::Led* led);
  std::uint64_t next_deadline(std::uint64_t now) const;
  const hal::LedOutput& output() const { return output_; }

 private:
  const BoardConfig& board_;
  hal::LedOutput output_;
  const LedPattern* pattern_ = nullptr;
  bool shown_ = false;
};

}  // namespace onboard::device
