// Fakes of the small HAL interfaces for tests: a clock that tests move, a system
// that records log lines and restarts, pins that record writes, an LED recorder.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "onboard/device/hal/clock.hpp"
#include "onboard/device/hal/gpio.hpp"
#include "onboard/device/hal/led.hpp"
#include "onboard/device/hal/system.hpp"

namespace onboard::testing {

class FakeClock : public hal::Clock {
 public:
  virtual ~FakeClock() = default;
  std::uint64_t now_ms() const override { return now; }
  std::uint64_t now = 1000;
};

class FakeSystem : public hal::System {
 public:
  virtual ~FakeSystem() = default;
  std::uint64_t chip_id() const override { return id; }
  void restart() override { ++restarts; }
  std::size_t free_memory() const override { return 12345; }
  void log_line(std::string_view line) override { lines.emplace_back(line); }

  bool logged(std::string_view text) const {
    for (const auto& line : lines) {
      if (line.find(text) != std::string::npos) return true;
    }
    return false;
  }
  std::string all_lines() const {
    std::string out;
    for (const auto& line : lines) out += line + "\n";
    return out;
  }

  std::uint64_t id = 0x24A160123456ull;
  int restarts = 0;
  std::vector<std::string> lines;
};

class FakeGpio : public hal::Gpio {
 public:
  virtual ~FakeGpio() = default;
  void set_mode(std::uint8_t pin, hal::PinMode mode) override { modes[pin] = mode; }
  bool read(std::uint8_t pin) override {
    ++reads;
    auto it = levels.find(pin);
    return it != levels.end() ? it->second : true;  // pulled up
  }
  void write(std::uint8_t pin, bool high) override { digital[pin] = high; }
  void write_pwm(std::uint8_t pin, std::uint8_t duty) override {
    pwm[pin] = duty;
    ++pwm_writes;
  }
  void write_pixel(std::uint8_t pin, std::uint8_t r, std::uint8_t g, std::uint8_t b) override {
    pixel[pin] = {r, g, b};
  }

  std::map<std::uint8_t, bool> levels;
  std::map<std::uint8_t, hal::PinMode> modes;
  std::map<std::uint8_t, bool> digital;
  std::map<std::uint8_t, std::uint8_t> pwm;
  std::map<std::uint8_t, std::vector<std::uint8_t>> pixel;
  int reads = 0;
  int pwm_writes = 0;
};

class FakeLed : public hal::Led {
 public:
  virtual ~FakeLed() = default;
  void show(const hal::LedOutput& output) override {
    last = output;
    pattern = std::string(output.pattern);
    state = std::string(output.state);
    ++shows;
  }
  hal::LedOutput last;
  std::string pattern;
  std::string state;
  int shows = 0;
};

}  // namespace onboard::testing
