#include "onboard/device/ports/nm/gpiod_gpio.hpp"

#include <gpiod.h>

#include <cerrno>
#include <cstring>

namespace onboard::port {

namespace {
constexpr char kConsumer[] = "onboard-device";
}

GpiodGpio::GpiodGpio(const std::string& chip, LogFn log) : log_(std::move(log)) {
  chip_ = gpiod_chip_open_lookup(chip.c_str());
  if (chip_ == nullptr && log_)
    log_("gpio: cannot open " + chip + ": " + std::strerror(errno) + " (no button or LED)");
  modes_.fill(hal::PinMode::Input);
}

GpiodGpio::~GpiodGpio() {
  // Closing the chip releases every requested line.
  if (chip_ != nullptr) gpiod_chip_close(chip_);
}

gpiod_line* GpiodGpio::line(std::uint8_t pin, bool output) {
  if (chip_ == nullptr || pin >= kMaxPins) return nullptr;
  gpiod_line*& slot = lines_[pin];
  const bool is_output = modes_[pin] == hal::PinMode::Output;
  if (slot != nullptr && is_output == output) return slot;
  if (slot != nullptr) {
    gpiod_line_release(slot);
    slot = nullptr;
  }
  gpiod_line* candidate = gpiod_chip_get_line(chip_, pin);
  int result = -1;
  if (candidate != nullptr) {
    if (output) {
      result = gpiod_line_request_output(candidate, kConsumer, 0);
    } else {
      int flags = 0;
      if (modes_[pin] == hal::PinMode::InputPullUp) flags = GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_UP;
      if (modes_[pin] == hal::PinMode::InputPullDown) flags = GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_DOWN;
      result = gpiod_line_request_input_flags(candidate, kConsumer, flags);
    }
  }
  if (result != 0) {
    if (!warned_[pin] && log_)
      log_("gpio: cannot request line " + std::to_string(pin) + ": " + std::strerror(errno));
    warned_[pin] = true;
    return nullptr;
  }
  slot = candidate;
  if (output) modes_[pin] = hal::PinMode::Output;
  return slot;
}

void GpiodGpio::set_mode(std::uint8_t pin, hal::PinMode mode) {
  if (pin >= kMaxPins) return;
  if (lines_[pin] != nullptr && modes_[pin] != mode) {
    gpiod_line_release(lines_[pin]);
    lines_[pin] = nullptr;
  }
  modes_[pin] = mode;
  line(pin, mode == hal::PinMode::Output);
}

bool GpiodGpio::read(std::uint8_t pin) {
  // An output line reads back what it drives; anything else is requested as input.
  gpiod_line* input = pin < kMaxPins && lines_[pin] != nullptr ? lines_[pin] : line(pin, false);
  // An unreadable pin reads as released for an active-low button (high).
  if (input == nullptr) return true;
  return gpiod_line_get_value(input) == 1;
}

void GpiodGpio::write(std::uint8_t pin, bool high) {
  if (gpiod_line* output = line(pin, true)) gpiod_line_set_value(output, high ? 1 : 0);
}

void GpiodGpio::write_pwm(std::uint8_t pin, std::uint8_t duty) {
  write(pin, duty >= 128);
}

void GpiodGpio::write_pixel(std::uint8_t pin, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  write(pin, (r | g | b) != 0);
}

}  // namespace onboard::port
