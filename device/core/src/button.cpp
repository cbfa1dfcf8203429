#include "onboard/device/button.hpp"

namespace onboard::device {

Button::Event Button::update(std::uint64_t now, bool raw_pressed) {
  if (raw_pressed != raw_) {
    raw_ = raw_pressed;
    raw_since_ = now;
  }
  // A level counts once it held for the debounce time: bounces never do.
  if (raw_ == stable_ || now - raw_since_ < debounce_ms_) return Event::None;
  stable_ = raw_;
  if (stable_) {
    pressed_since_ = raw_since_;
    return Event::None;
  }
  const std::uint64_t held = raw_since_ - pressed_since_;
  if (held >= kResetMs) return Event::Reset;
  if (held < kWarningMs) return Event::ShortPress;
  return Event::None;  // released between 3 and 10 s: cancelled
}

Button::Hold Button::hold(std::uint64_t now) const {
  if (!stable_) return Hold::None;
  const std::uint64_t held = now - pressed_since_;
  if (held >= kResetMs) return Hold::ResetArmed;
  if (held >= kWarningMs) return Hold::Warning;
  return Hold::None;
}

std::uint64_t Button::next_deadline(std::uint64_t now) const {
  if (settling()) return raw_since_ + debounce_ms_;
  if (!stable_) return UINT64_MAX;
  const std::uint64_t held = now - pressed_since_;
  if (held < kWarningMs) return pressed_since_ + kWarningMs;
  if (held < kResetMs) return pressed_since_ + kResetMs;
  return UINT64_MAX;
}

}  // namespace onboard::device
