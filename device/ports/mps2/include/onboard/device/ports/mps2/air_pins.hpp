// The board's button and status LED as the air sees them: the button is the
// world's ("onboard-air button NAME ..."), pushed over the serial link; what
// the core shows on the LED is sent back ("onboard-air led NAME" reports it).
#pragma once

#include <cstdint>

#include "onboard/device/hal/gpio.hpp"
#include "onboard/device/hal/led.hpp"
#include "onboard/device/ports/mps2/uart_air_link.hpp"

namespace onboard::mps2 {

class AirButton final : public hal::Gpio, public AirListener {
 public:
  AirButton(std::int16_t button_pin, bool button_active_low)
      : pin_(button_pin), active_low_(button_active_low) {}

  void set_mode(std::uint8_t, hal::PinMode) override {}
  // The button pin reads its level; every other input reads high (pulled up).
  bool read(std::uint8_t pin) override { return pin == pin_ ? down_ != active_low_ : true; }
  void write(std::uint8_t, bool) override {}
  void write_pwm(std::uint8_t, std::uint8_t) override {}
  void write_pixel(std::uint8_t, std::uint8_t, std::uint8_t, std::uint8_t) override {}

  void on_reply(AirRequest request, std::uint32_t tag, const air::Message& reply) override;
  void on_data(AirRequest, std::uint32_t, const air::Message&) override {}
  void on_push(const air::Message& push) override;

 private:
  std::int16_t pin_;
  bool active_low_;
  bool down_ = false;
};

class AirLed final : public hal::Led {
 public:
  explicit AirLed(UartAirLink& link) : link_(link) {}
  // Sends only when the colour, pattern or state changes.
  void show(const hal::LedOutput& output) override;

 private:
  UartAirLink& link_;
  bool shown_ = false;
  std::uint8_t r_ = 0, g_ = 0, b_ = 0;
  char pattern_[32] = {};
  char state_[32] = {};
};

}  // namespace onboard::mps2
