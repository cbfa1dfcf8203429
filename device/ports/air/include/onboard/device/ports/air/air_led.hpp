// The status LED of a simulated board: what the core shows is sent to the
// world ("led r= g= b= level= pattern= state="), so "onboard-air led NAME"
// can report it.
#pragma once

#include <string>

#include "onboard/device/hal/led.hpp"
#include "onboard/device/ports/air/air_link.hpp"

namespace onboard::port {

class AirLed final : public hal::Led {
 public:
  explicit AirLed(AirLink& link) : link_(link) {}

  // Sends only when the colour, pattern or state changes: the brightness of a
  // blinking pattern changes every frame and the pattern already says so.
  void show(const hal::LedOutput& output) override;
  std::size_t sent_count() const { return sent_; }

 private:
  AirLink& link_;
  bool shown_ = false;
  std::uint8_t r_ = 0, g_ = 0, b_ = 0;
  std::string pattern_;
  std::string state_;
  std::size_t sent_ = 0;
};

}  // namespace onboard::port
