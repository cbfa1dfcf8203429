// Scenario 3: a 40-character template name still gives an AP name of at most
// 32 bytes (802.11's limit, the forum's top failure), cut on a character
// boundary; two boards of one template get different AP names.
#include "scenario_test.hpp"

namespace onboard::e2e {
namespace {
using namespace std::chrono_literals;

// Strict UTF-8: no stray continuation byte, no cut sequence, no overlong form.
bool valid_utf8(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    unsigned min = 0;
    if (b < 0x80) {
      ++i;
      continue;
    } else if ((b & 0xE0) == 0xC0) {
      extra = 1, min = 0x80;
    } else if ((b & 0xF0) == 0xE0) {
      extra = 2, min = 0x800;
    } else if ((b & 0xF8) == 0xF0) {
      extra = 3, min = 0x10000;
    } else {
      return false;
    }
    if (i + extra >= text.size()) return false;  // a sequence cut by the end
    unsigned code = b & (0x3F >> extra);
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto c = static_cast<unsigned char>(text[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      code = (code << 6) | (c & 0x3F);
    }
    if (code < min || code > 0x10FFFF) return false;
    i += extra + 1;
  }
  return true;
}

TEST_F(BoardScenario, LongTemplateNameGivesShortValidApNamesThatDifferPerBoard) {
  const std::string ascii40 = "Greenhouse Irrigation Controller Pro v2";  // 39 + 1 below
  ASSERT_EQ((ascii40 + "X").size(), 40u);
  // 40 characters, 2 bytes each from the 12th on: every byte cut lands in a character.
  const std::string multibyte40 = "Thermostat " + [] {
    std::string s;
    for (int i = 0; i < 29; ++i) s += "\xC3\xA9";  // é
    return s;
  }();
  ASSERT_EQ(world().add_board("long1", BoardSpec().name(ascii40 + "X").chip("a1b2c3d4")).code, 0);
  ASSERT_EQ(world().add_board("long2", BoardSpec().name(ascii40 + "X").chip("a1b2c3d5")).code, 0);
  ASSERT_EQ(world().add_board("utf8", BoardSpec().name(multibyte40).chip("0badcafe")).code, 0);
  ASSERT_EQ(world().air({"phone", "add", "phone"}).code, 0);

  const std::string name1 = world().wait_board_ap("long1", 20s);
  const std::string name2 = world().wait_board_ap("long2", 20s);
  const std::string name3 = world().wait_board_ap("utf8", 20s);
  ASSERT_FALSE(name1.empty() || name2.empty() || name3.empty())
      << "a board never opened its AP (a name over 32 bytes is refused by the air)";
  for (const std::string& name : {name1, name2, name3}) {
    EXPECT_LE(name.size(), 32u) << name;
    EXPECT_TRUE(valid_utf8(name)) << name;
  }
  EXPECT_EQ(name1.rfind("Onboard Greenhouse", 0), 0u) << name1;
  EXPECT_EQ(name3.rfind("Onboard Thermostat \xC3\xA9", 0), 0u) << name3;
  EXPECT_NE(name1, name2) << "two boards of one template must be told apart";

  // The phone sees all three, under exactly those names.
  ASSERT_TRUE(eventually(
      [&] {
        int found = 0;
        for (const auto& entry : world().scan("phone")) {
          const std::string ssid = entry.value("ssid", "");
          found += ssid == name1 || ssid == name2 || ssid == name3;
        }
        return found == 3;
      },
      10s))
      << world().scan("phone").dump();
}

}  // namespace
}  // namespace onboard::e2e
