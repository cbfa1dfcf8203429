// Pins: the setup button is read through digital input, LEDs are driven
// through digital/PWM output or an addressable pixel (WS2812).
#pragma once

#include <cstdint>

namespace onboard::hal {

enum class PinMode : std::uint8_t { Input, InputPullUp, InputPullDown, Output };

class Gpio {
 public:
  virtual void set_mode(std::uint8_t pin, PinMode mode) = 0;
  virtual bool read(std::uint8_t pin) = 0;
  virtual void write(std::uint8_t pin, bool high) = 0;
  // duty 0..255
  virtual void write_pwm(std::uint8_t pin, std::uint8_t duty) = 0;
  // One addressable pixel on a data pin.
  virtual void write_pixel(std::uint8_t pin, std::uint8_t r, std::uint8_t g, std::uint8_t b) = 0;

 protected:
  ~Gpio() = default;
};

}  // namespace onboard::hal
