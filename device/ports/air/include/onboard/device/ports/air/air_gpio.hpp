// The pins of a simulated board: the setup button is the world's ("onboard-air
// button NAME ..."), reported by pushes; outputs are ignored because the LED
// reaches the world as a whole through AirLed.
#pragma once

#include <cstdint>
#include <functional>

#include "onboard/device/hal/gpio.hpp"
#include "onboard/device/ports/air/air_link.hpp"

namespace onboard::port {

class AirGpio final : public hal::Gpio, public AirListener {
 public:
  // button_pin / active_low: where the board preset expects the button.
  AirGpio(std::int16_t button_pin, bool button_active_low);

  // Called on every button edge (boards whose preset reads the button by interrupt).
  void on_edge(std::function<void()> callback) { on_edge_ = std::move(callback); }
  bool button_down() const { return down_; }

  void set_mode(std::uint8_t pin, hal::PinMode mode) override;
  // The button pin reads its pressed/released level; any other input reads its
  // pull level (high unless pulled down).
  bool read(std::uint8_t pin) override;
  void write(std::uint8_t, bool) override {}
  void write_pwm(std::uint8_t, std::uint8_t) override {}
  void write_pixel(std::uint8_t, std::uint8_t, std::uint8_t, std::uint8_t) override {}

  void on_reply(AirRequest request, std::uint32_t tag, const air::Message& reply) override;
  void on_data(AirRequest, std::uint32_t, const air::Message&) override {}
  void on_push(const air::Message& push) override;

 private:
  void set_down(bool down);

  std::int16_t button_pin_;
  bool active_low_;
  bool down_ = false;
  std::uint64_t pulled_down_ = 0;  // bit per pin set to InputPullDown
  std::function<void()> on_edge_;
};

}  // namespace onboard::port
