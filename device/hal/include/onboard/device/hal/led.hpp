// What the status indicator shows right now. The core computes it from the
// state and the clock; a port drives pins, or (in the air) reports it.
#pragma once

#include <cstdint>
#include <string_view>

namespace onboard::hal {

struct LedOutput {
  std::uint8_t r = 0, g = 0, b = 0;  // colour of the pattern
  std::uint8_t level = 0;            // 0..255 brightness at this instant
  std::string_view pattern;          // e.g. "blink 50/500", "wave 5000", "off"
  std::string_view state;            // e.g. "WAIT_CONFIG", "RUNNING"
};

class Led {
 public:
  virtual void show(const LedOutput& output) = 0;

 protected:
  ~Led() = default;
};

}  // namespace onboard::hal
