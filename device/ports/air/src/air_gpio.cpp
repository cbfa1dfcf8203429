#include "onboard/device/ports/air/air_gpio.hpp"

#include "onboard/protocol/air/vocabulary.hpp"

namespace onboard::port {

AirGpio::AirGpio(std::int16_t button_pin, bool button_active_low)
    : button_pin_(button_pin), active_low_(button_active_low) {}

void AirGpio::set_mode(std::uint8_t pin, hal::PinMode mode) {
  if (pin >= 64) return;
  const std::uint64_t bit = std::uint64_t{1} << pin;
  pulled_down_ = mode == hal::PinMode::InputPullDown ? pulled_down_ | bit : pulled_down_ & ~bit;
}

bool AirGpio::read(std::uint8_t pin) {
  if (pin == button_pin_) return down_ != active_low_;
  return pin >= 64 || (pulled_down_ & (std::uint64_t{1} << pin)) == 0;
}

void AirGpio::set_down(bool down) {
  if (down == down_) return;
  down_ = down;
  if (on_edge_) on_edge_();
}

void AirGpio::on_reply(AirRequest request, std::uint32_t, const air::Message& reply) {
  // hello tells a board powered on with the button held (a reset at boot).
  if (request == AirRequest::Hello && reply.is(air::verb::kOk) && reply.has("button"))
    set_down(reply.get("button") == "down");
}

void AirGpio::on_push(const air::Message& push) {
  if (push.is(air::verb::kButton)) set_down(push.get("state") == "down");
}

}  // namespace onboard::port
