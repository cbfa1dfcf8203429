#include "onboard/device/indicator.hpp"

namespace onboard::device {
namespace {

// Colours of the reference; teal is the Blynk green.
constexpr LedPattern kWaitConfig{0, 0, 255, {50, 500, 0, 0}, 0, "blink 50/500"};
constexpr LedPattern kConfiguring{0, 0, 255, {200, 200, 0, 0}, 0, "blink 200/200"};
constexpr LedPattern kConnectingNet{35, 196, 142, {50, 500, 0, 0}, 0, "blink 50/500"};
constexpr LedPattern kConnectingCloud{35, 196, 142, {100, 100, 0, 0}, 0, "blink 100/100"};
constexpr LedPattern kRunning{35, 196, 142, {0, 0, 0, 0}, 5000, "wave 5000"};
constexpr LedPattern kOta{255, 0, 255, {50, 50, 0, 0}, 0, "blink 50/50"};
constexpr LedPattern kError{255, 0, 0, {80, 100, 80, 1000}, 0, "blink 80/100/80/1000"};
constexpr LedPattern kHoldWarning{255, 255, 255, {0, 0, 0, 0}, 1000, "wave 1000"};
constexpr LedPattern kHoldReset{255, 255, 255, {100, 100, 0, 0}, 0, "blink 100/100"};

std::uint8_t scale(std::uint8_t value, std::uint8_t by) {
  return static_cast<std::uint8_t>((static_cast<unsigned>(value) * by + 127) / 255);
}

}  // namespace

const LedPattern& pattern_for(State state, Button::Hold hold) {
  if (hold == Button::Hold::ResetArmed) return kHoldReset;
  if (hold == Button::Hold::Warning) return kHoldWarning;
  // In State's order.
  static constexpr const LedPattern* kByState[] = {&kWaitConfig,      &kConfiguring, &kConnectingNet,
                                                   &kConnectingCloud, &kRunning,     &kOta,
                                                   &kConnectingNet,   &kWaitConfig,  &kError};
  static_assert(sizeof kByState / sizeof kByState[0] == static_cast<std::size_t>(State::Error) + 1,
                "one pattern per State");
  const auto index = static_cast<std::size_t>(state);
  return index < sizeof kByState / sizeof kByState[0] ? *kByState[index] : kError;
}

std::uint8_t pattern_level(const LedPattern& p, std::uint64_t t) {
  if (p.wave_ms > 0) {
    // Breathing as a triangle: up for half the period, down for the other half.
    const auto phase = static_cast<std::uint32_t>(t % p.wave_ms);
    const std::uint32_t half = p.wave_ms / 2u;
    const std::uint32_t x = phase < half ? phase : p.wave_ms - phase;
    return static_cast<std::uint8_t>(x * 255u / half);
  }
  std::uint32_t period = 0;
  for (std::uint16_t time : p.times) period += time;
  if (period == 0) return 0;
  auto phase = static_cast<std::uint32_t>(t % period);
  for (int i = 0; i < 4; ++i) {
    if (phase < p.times[i]) return i % 2 == 0 ? 255 : 0;
    phase -= p.times[i];
  }
  return 0;
}

void Indicator::begin(hal::Gpio& gpio) {
  if (board_.led == LedKind::None) return;
  gpio.set_mode(static_cast<std::uint8_t>(board_.led_pin), hal::PinMode::Output);
  if (board_.led == LedKind::Rgb) {
    gpio.set_mode(static_cast<std::uint8_t>(board_.led_pin_green), hal::PinMode::Output);
    gpio.set_mode(static_cast<std::uint8_t>(board_.led_pin_blue), hal::PinMode::Output);
  }
}

void Indicator::update(std::uint64_t now, State state, Button::Hold hold, hal::Gpio& gpio, hal::Led* led) {
  const LedPattern& p = pattern_for(state, hold);
  const std::uint8_t level = pattern_level(p, now);
  if (shown_ && pattern_ == &p && output_.level == level) return;
  pattern_ = &p;
  shown_ = true;
  output_.r = p.r;
  output_.g = p.g;
  output_.b = p.b;
  output_.level = level;
  output_.pattern = p.name;
  output_.state = to_string(state);
  if (led != nullptr) {
    led->show(output_);
    return;
  }
  const std::uint8_t bright = scale(level, board_.led_brightness);
  switch (board_.led) {
    case LedKind::None: break;
    case LedKind::Single: {
      const std::uint8_t duty = board_.led_inverse ? static_cast<std::uint8_t>(255 - bright) : bright;
      gpio.write_pwm(static_cast<std::uint8_t>(board_.led_pin), duty);
      break;
    }
    case LedKind::Rgb: {
      const std::uint8_t c[3] = {scale(p.r, bright), scale(p.g, bright), scale(p.b, bright)};
      const std::int16_t pins[3] = {board_.led_pin, board_.led_pin_green, board_.led_pin_blue};
      for (int i = 0; i < 3; ++i) {
        const std::uint8_t duty = board_.led_inverse ? static_cast<std::uint8_t>(255 - c[i]) : c[i];
        gpio.write_pwm(static_cast<std::uint8_t>(pins[i]), duty);
      }
      break;
    }
    case LedKind::Ws2812:
      gpio.write_pixel(static_cast<std::uint8_t>(board_.led_pin), scale(p.r, bright), scale(p.g, bright),
                       scale(p.b, bright));
      break;
  }
}

std::uint64_t Indicator::next_deadline(std::uint64_t now) const {
  if (pattern_ == nullptr) return now;
  // Waves change continuously: 20 ms steps are smooth enough for the eye.
  if (pattern_->wave_ms > 0) return now + 20;
  std::uint32_t period = 0;
  for (std::uint16_t time : pattern_->times) period += time;
  auto phase = static_cast<std::uint32_t>(now % period);
  for (std::uint16_t time : pattern_->times) {
    if (phase < time) return now + (time - phase);
    phase -= time;
  }
  return now + 1;
}

}  // namespace onboard::device
