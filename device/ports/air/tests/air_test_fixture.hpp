// A board's air port wired to a fake daemon over a socketpair: the link, the
// radio, the pins and the LED, with the log lines they wrote.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "onboard/device/ports/air/air_gpio.hpp"
#include "onboard/device/ports/air/air_led.hpp"
#include "onboard/device/ports/air/air_link.hpp"
#include "onboard/device/ports/air/air_wifi.hpp"
#include "onboard/device/ports/testing/fake_air_daemon.hpp"
#include "onboard/device/ports/testing/wait_for.hpp"

namespace onboard::port::testing {

class AirPortTest : public ::testing::Test {
 protected:
  AirPortTest()
      : link_(daemon_.board_fd(), "board1", [this](std::string_view line) { log_.emplace_back(line); }),
        wifi_(link_, 0xA1B2C3D4, [this](std::string_view line) { log_.emplace_back(line); }),
        gpio_(0, true),
        led_(link_) {
    link_.add_listener(&gpio_);
  }

  // Pumps the link until condition holds (or 5 s pass).
  template <typename Condition>
  bool pump_until(Condition condition) {
    return wait_for(
        [&] {
          link_.pump();
          return condition();
        },
        {&link_});
  }
  // Reads the hello and answers it like onboard-air does.
  void greet(std::string_view button = "up") {
    ASSERT_EQ(daemon_.read_line(), "hello host=board1 role=board");
    daemon_.send("ok host=board1 role=board mac=02:00:00:00:01:07 chip_id=a1b2c3d4 button=" +
                 std::string(button) + "\n");
  }

  FakeAirDaemon daemon_;
  std::vector<std::string> log_;
  AirLink link_;
  AirWifi wifi_;
  AirGpio gpio_;
  AirLed led_;
};

}  // namespace onboard::port::testing
