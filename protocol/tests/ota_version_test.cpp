#include <gtest/gtest.h>

#include "onboard/protocol/ota/version.hpp"

namespace onboard::ota {
namespace {

Version v(const char* text) {
  Version out;
  EXPECT_TRUE(parse_version(text, out)) << text;
  return out;
}

TEST(OtaVersion, ParsesDottedNumbers) {
  const Version a = v("1.4.2");
  EXPECT_EQ(a.parts[0], 1u);
  EXPECT_EQ(a.parts[1], 4u);
  EXPECT_EQ(a.parts[2], 2u);
  EXPECT_EQ(a.parts[3], 0u);
  EXPECT_EQ(v("999999999").parts[0], 999999999u);
  Version out;
  for (const char* bad : {"", ".", "1.", ".1", "1..2", "1.2.3.4.5", "a", "1.2b", "-1", "1 2", "1234567890"}) {
    EXPECT_FALSE(parse_version(bad, out)) << bad;
  }
}

TEST(OtaVersion, OrdersNumericallyNotAsText) {
  EXPECT_LT(compare(v("1.9"), v("1.10")), 0);
  EXPECT_EQ(compare(v("1.2"), v("1.2.0.0")), 0);
  EXPECT_GT(compare(v("2"), v("1.99.99")), 0);
}

TEST(OtaVersion, AntiRollback) {
  EXPECT_EQ(judge_version(v("1.2.0"), v("1.3.0"), false), VersionVerdict::newer);
  EXPECT_EQ(judge_version(v("1.2.0"), v("1.2.0"), false), VersionVerdict::refused);
  EXPECT_EQ(judge_version(v("1.2.0"), v("1.1.9"), false), VersionVerdict::refused);
  EXPECT_EQ(judge_version(v("1.2.0"), v("1.1.9"), true), VersionVerdict::downgrade);
  EXPECT_EQ(judge_version(v("1.2.0"), v("1.3.0"), true), VersionVerdict::newer);
}

}  // namespace
}  // namespace onboard::ota
