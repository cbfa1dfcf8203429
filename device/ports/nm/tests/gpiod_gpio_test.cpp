#include "onboard/device/ports/nm/gpiod_gpio.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace onboard::port {
namespace {

// No gpiochip exists in CI; what can be checked is that a missing chip is
// reported once and every call stays harmless (the device runs without pins).
TEST(GpiodGpio, MissingChipIsReportedAndPinsAreInert) {
  std::vector<std::string> log;
  GpiodGpio gpio("gpiochip-that-does-not-exist", [&](std::string_view line) { log.emplace_back(line); });
  EXPECT_FALSE(gpio.ok());
  ASSERT_EQ(log.size(), 1u);
  EXPECT_NE(log[0].find("gpiochip-that-does-not-exist"), std::string::npos);
  gpio.set_mode(0, hal::PinMode::InputPullUp);
  EXPECT_TRUE(gpio.read(0)) << "released, for an active-low button";
  gpio.write(4, true);
  gpio.write_pwm(4, 200);
  gpio.write_pixel(4, 1, 2, 3);
  gpio.set_mode(200, hal::PinMode::Output);
  EXPECT_EQ(log.size(), 1u);
}

}  // namespace
}  // namespace onboard::port
