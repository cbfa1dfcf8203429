// Real pins of a Linux board (Raspberry Pi) through libgpiod v1: the setup
// button as an input line, a single LED as an output line. Pin numbers are
// line offsets on one gpiochip (BCM numbers on a Pi's gpiochip0).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "onboard/device/hal/gpio.hpp"

struct gpiod_chip;
struct gpiod_line;

namespace onboard::port {

class GpiodGpio final : public hal::Gpio {
 public:
  using LogFn = std::function<void(std::string_view)>;
  static constexpr std::size_t kMaxPins = 64;

  // chip: "gpiochip0", or a path such as /dev/gpiochip0. Check ok().
  GpiodGpio(const std::string& chip, LogFn log);
  GpiodGpio(const GpiodGpio&) = delete;
  GpiodGpio& operator=(const GpiodGpio&) = delete;
  ~GpiodGpio();
  bool ok() const { return chip_ != nullptr; }

  // Requests the line (consumer "onboard-device") with the bias the mode asks
  // for; a line already in use is logged once and then ignored.
  void set_mode(std::uint8_t pin, hal::PinMode mode) override;
  bool read(std::uint8_t pin) override;
  void write(std::uint8_t pin, bool high) override;
  // No hardware PWM through libgpiod: duty >= 128 is on, below is off.
  void write_pwm(std::uint8_t pin, std::uint8_t duty) override;
  // No WS2812 driver: any colour lights the pin, black turns it off.
  void write_pixel(std::uint8_t pin, std::uint8_t r, std::uint8_t g, std::uint8_t b) override;

 private:
  gpiod_line* line(std::uint8_t pin, bool output);

  gpiod_chip* chip_ = nullptr;
  LogFn log_;
  std::array<gpiod_line*, kMaxPins> lines_{};
  std::array<hal::PinMode, kMaxPins> modes_{};
  std::array<bool, kMaxPins> warned_{};
};

}  // namespace onboard::port
