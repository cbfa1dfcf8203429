// Small units: AP name, button, indicator, presets, settings, pin values.
#include <gtest/gtest.h>

#include <string>

#include "onboard/device/ap_name.hpp"
#include "onboard/device/board_presets.hpp"
#include "onboard/device/button.hpp"
#include "onboard/device/indicator.hpp"
#include "onboard/device/pin_value.hpp"
#include "onboard/device/settings.hpp"
#include "onboard/device/testing/fake_basics.hpp"

namespace onboard::device {
namespace {

std::string ap(std::string_view prefix, std::string_view name, std::uint64_t chip = 42) {
  char out[kApNameMax];
  return std::string(out, make_ap_name(prefix, name, chip, out));
}

TEST(ApName, PrefixNameAndStableCode) {
  const std::string name = ap("Onboard", "Lamp");
  EXPECT_EQ(name.substr(0, 13), "Onboard Lamp-");
  EXPECT_EQ(name.size(), 17u);
  EXPECT_EQ(name, ap("Onboard", "Lamp"));
  EXPECT_NE(name, ap("Onboard", "Lamp", 43));
  for (char c : name.substr(13)) EXPECT_TRUE(c >= 'A' && c <= 'Z' && c != 'I' && c != 'O');
}

TEST(ApName, NeverOver32BytesAndCutOnAUtf8Boundary) {
  const std::string long_name = "Très très long nom de modèle 😀😀😀";
  for (std::size_t n = 0; n <= long_name.size(); ++n) {
    const std::string name = ap("Onboard", long_name.substr(0, n));
    EXPECT_LE(name.size(), 32u);
  }
  const std::string emoji = ap("Onboard", "Lamp😀😀😀😀😀😀😀😀");
  EXPECT_LE(emoji.size(), 32u);
  // Strip the code: what remains must be whole characters (no continuation byte cut).
  const std::string body = emoji.substr(0, emoji.size() - 5);
  std::size_t i = 0;
  while (i < body.size()) {
    const auto c = static_cast<unsigned char>(body[i]);
    const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ASSERT_LE(i + len, body.size());
    i += len;
  }
  EXPECT_EQ(ap("", "Lamp").substr(0, 5), "Lamp-");
  EXPECT_LE(ap(std::string(40, 'P'), "Lamp").size(), 32u);
}

TEST(Button, DebouncesAndReportsShortPress) {
  Button b(50);
  EXPECT_EQ(b.update(0, true), Button::Event::None);
  EXPECT_EQ(b.update(20, false), Button::Event::None);  // a bounce
  EXPECT_FALSE(b.pressed());
  b.update(100, true);
  b.update(160, true);
  EXPECT_TRUE(b.pressed());
  b.update(500, false);
  EXPECT_EQ(b.update(560, false), Button::Event::ShortPress);
}

TEST(Button, HoldWarningResetAndCancel) {
  Button b(50);
  b.update(0, true);
  b.update(60, true);
  EXPECT_EQ(b.hold(2000), Button::Hold::None);
  EXPECT_EQ(b.hold(3100), Button::Hold::Warning);
  EXPECT_EQ(b.hold(10100), Button::Hold::ResetArmed);
  b.update(10200, false);
  EXPECT_EQ(b.update(10260, false), Button::Event::Reset);
  // Released between 3 and 10 s: nothing.
  b.update(20000, true);
  b.update(20060, true);
  b.update(25000, false);
  EXPECT_EQ(b.update(25060, false), Button::Event::None);
}

TEST(Indicator, PatternsOfTheReference) {
  EXPECT_STREQ(pattern_for(State::WaitConfig, Button::Hold::None).name, "blink 50/500");
  EXPECT_STREQ(pattern_for(State::Running, Button::Hold::None).name, "wave 5000");
  EXPECT_STREQ(pattern_for(State::Running, Button::Hold::Warning).name, "wave 1000");
  EXPECT_STREQ(pattern_for(State::Running, Button::Hold::ResetArmed).name, "blink 100/100");
  const LedPattern& blink = pattern_for(State::WaitConfig, Button::Hold::None);
  EXPECT_EQ(pattern_level(blink, 10), 255);
  EXPECT_EQ(pattern_level(blink, 60), 0);
  EXPECT_EQ(pattern_level(blink, 560), 255);
  const LedPattern& error = pattern_for(State::Error, Button::Hold::None);
  EXPECT_EQ(pattern_level(error, 100), 0);
  EXPECT_EQ(pattern_level(error, 200), 255);
  EXPECT_EQ(pattern_level(error, 300), 0);
}

TEST(Indicator, DrivesSingleInverseRgbAndWs2812) {
  testing::FakeGpio gpio;
  BoardConfig single = boards::kNodeMcu;  // inverse, brightness 255
  Indicator a(single);
  a.begin(gpio);
  a.update(10, State::WaitConfig, Button::Hold::None, gpio, nullptr);
  EXPECT_EQ(gpio.pwm[2], 0);  // lit, inverse: pin low
  a.update(100, State::WaitConfig, Button::Hold::None, gpio, nullptr);
  EXPECT_EQ(gpio.pwm[2], 255);

  Indicator rgb(boards::kWittyCloud);
  rgb.update(10, State::WaitConfig, Button::Hold::None, gpio, nullptr);
  EXPECT_EQ(gpio.pwm[15], 0);
  EXPECT_EQ(gpio.pwm[12], 0);
  EXPECT_EQ(gpio.pwm[13], 64);  // blue at brightness 64

  Indicator pixel(boards::kEsp32C3Dev);
  pixel.update(10, State::WaitConfig, Button::Hold::None, gpio, nullptr);
  EXPECT_EQ(gpio.pixel[8], (std::vector<std::uint8_t>{0, 0, 64}));

  testing::FakeLed led;
  Indicator reported(boards::kEsp32DevModule);
  reported.update(10, State::Running, Button::Hold::None, gpio, &led);
  EXPECT_EQ(led.pattern, "wave 5000");
  EXPECT_EQ(led.state, "RUNNING");
}

TEST(Presets, AllReferenceBoardsAndCustom) {
  const char* names[] = {"nodemcu", "wemos_d1_mini", "sparkfun_blynk_board", "witty_cloud", "esp32_wrover",
                         "ttgo_t7", "ttgo_t_oi",     "esp32_dev_module",     "esp32c3_dev", "esp32s2_dev_kit",
                         "custom"};
  for (const char* name : names) EXPECT_NE(find_board_preset(name), nullptr) << name;
  EXPECT_EQ(find_board_preset("ESP32C3 Dev"), &boards::kEsp32C3Dev);
  EXPECT_EQ(find_board_preset("nodemcu2"), nullptr);
  const BoardConfig* custom = find_board_preset("custom");
  EXPECT_EQ(custom->button_pin, 0);
  EXPECT_EQ(custom->led_pin, 4);
  EXPECT_EQ(custom->led_brightness, 64);
  EXPECT_EQ(find_board_preset("witty_cloud")->led, LedKind::Rgb);
}

TEST(SettingsCheck, RejectsWhatTheConsoleWouldNot) {
  Settings s;
  char why[200];
  s.template_id = "TMPL1234";
  s.template_name = "Lamp";
  EXPECT_TRUE(validate(s, why, sizeof why));
  s.template_id = "1234";
  EXPECT_FALSE(validate(s, why, sizeof why));
  EXPECT_NE(std::string(why).find("TMPL"), std::string::npos);
  s.template_id = "TMPL1234";
  s.template_name = "";
  EXPECT_FALSE(validate(s, why, sizeof why));
  s.template_name = "Lamp";
  s.board.led_pin = 0;
  EXPECT_FALSE(validate(s, why, sizeof why));
}

TEST(PinValues, NumbersWithoutPrintf) {
  EXPECT_EQ(PinValue(42).text(), "42");
  EXPECT_EQ(PinValue(-7).text(), "-7");
  EXPECT_EQ(PinValue(23.7).text(), "23.7");
  EXPECT_EQ(PinValue(-0.5).text(), "-0.5");
  EXPECT_EQ(PinValue(1.0).text(), "1");
  EXPECT_EQ(PinValue("on").text(), "on");
  const PinValue copy = PinValue(12345);
  EXPECT_EQ(copy.text(), "12345");
}

}  // namespace
}  // namespace onboard::device
