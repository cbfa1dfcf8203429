// The setup button: debounced, active-low or -high, polled or woken by an
// interrupt; short press, 3 s warning and 10 s reset, as Edgent's button does.
#pragma once

#include <cstdint>

namespace onboard::device {

class Button {
 public:
  enum class Event : std::uint8_t { None, ShortPress, Reset };
  enum class Hold : std::uint8_t { None, Warning, ResetArmed };  // what the LED shows

  static constexpr std::uint32_t kWarningMs = 3000;
  static constexpr std::uint32_t kResetMs = 10000;

  explicit Button(std::uint16_t debounce_ms = 50) : debounce_ms_(debounce_ms) {}

  // raw_pressed: the pin level already translated to "pressed". Returns the event
  // completed by this sample, if any.
  Event update(std::uint64_t now, bool raw_pressed);
  Hold hold(std::uint64_t now) const;
  bool pressed() const { return stable_; }
  // True while a change is being debounced (the pin must be sampled again).
  bool settling() const { return raw_ != stable_; }
  std::uint64_t next_deadline(std::uint64_t now) const;

 private:
  std::uint16_t debounce_ms_;
  bool raw_ = false;
  bool stable_ = false;
  std::uint64_t raw_since_ = 0;
  std::uint64_t pressed_since_ = 0;
};

}  // namespace onboard::device
