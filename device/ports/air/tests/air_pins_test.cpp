#include <gtest/gtest.h>

#include "air_test_fixture.hpp"

namespace onboard::port::testing {
namespace {

TEST_F(AirPortTest, ButtonPushesDriveTheActiveLowButtonPin) {
  int edges = 0;
  gpio_.on_edge([&] { ++edges; });
  greet();
  gpio_.set_mode(0, hal::PinMode::InputPullUp);
  EXPECT_TRUE(gpio_.read(0)) << "released reads high on an active-low button";
  daemon_.send("button state=down\n");
  ASSERT_TRUE(pump_until([&] { return gpio_.button_down(); }));
  EXPECT_FALSE(gpio_.read(0));
  daemon_.send("button state=up\n");
  ASSERT_TRUE(pump_until([&] { return !gpio_.button_down(); }));
  EXPECT_TRUE(gpio_.read(0));
  EXPECT_EQ(edges, 2);
}

TEST_F(AirPortTest, ABoardPoweredOnWithTheButtonHeldSeesItDown) {
  greet("down");
  ASSERT_TRUE(pump_until([&] { return gpio_.button_down(); }));
}

TEST_F(AirPortTest, OtherInputsReadTheirPullLevel) {
  gpio_.set_mode(5, hal::PinMode::InputPullDown);
  gpio_.set_mode(6, hal::PinMode::InputPullUp);
  EXPECT_FALSE(gpio_.read(5));
  EXPECT_TRUE(gpio_.read(6));
}

TEST(AirGpio, ActiveHighButton) {
  AirGpio gpio(9, false);
  EXPECT_FALSE(gpio.read(9));
}

TEST_F(AirPortTest, LedIsSentWhenItsPatternChangesNotEveryFrame) {
  greet();
  hal::LedOutput output{0, 0, 255, 255, "blink 50/500", "WAIT_CONFIG"};
  led_.show(output);
  EXPECT_EQ(daemon_.read_line(), "led r=0 g=0 b=255 level=255 pattern=blink%2050/500 state=WAIT_CONFIG");
  output.level = 0;
  led_.show(output);
  led_.show(output);
  EXPECT_EQ(led_.sent_count(), 1u);
  output = {0, 255, 0, 255, "on", "RUNNING"};
  led_.show(output);
  EXPECT_EQ(led_.sent_count(), 2u);
  EXPECT_EQ(daemon_.read_line(), "led r=0 g=255 b=0 level=255 pattern=on state=RUNNING");
}

}  // namespace
}  // namespace onboard::port::testing
