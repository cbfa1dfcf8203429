// The inside of Device: every unit of the core wired together, with all their
// storage inline (no heap). Device is its public face; tests may use it directly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onboard/device/hal/hal.hpp"
#include "onboard/device/pin_value.hpp"
#include "onboard/device/settings.hpp"
#include "onboard/device/state.hpp"

namespace onboard::device {

class DeviceCore {
 public:
  DeviceCore(const Settings& settings, const hal::Hal& hal) : settings_(settings), hal_(hal) {}

  void begin() {}
  void run() {}
  std::uint64_t next_wakeup_ms() const { return hal_.clock.now_ms() + 1000; }

  bool send_pin_values(std::uint8_t, const PinValue*, std::size_t) { return false; }
  bool send_sync(const std::uint8_t*, std::size_t) { return false; }
  void button_interrupt() {}

  State state() const { return state_; }

 private:
  const Settings& settings_;
  const hal::Hal& hal_;
  State state_ = State::WaitConfig;
};

}  // namespace onboard::device
