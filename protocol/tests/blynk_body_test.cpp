#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "onboard/protocol/blynk/body.hpp"

namespace onboard::blynk {
namespace {

std::vector<std::string> split(std::string_view body) {
  std::vector<std::string> out;
  for (auto f : Fields(body)) out.emplace_back(f);
  return out;
}

using V = std::vector<std::string>;

TEST(BlynkFields, SplitsOnNul) {
  EXPECT_EQ(split(std::string_view("vw\0"
                                   "5\0"
                                   "23.7",
                                   9)),
            (V{"vw", "5", "23.7"}));
}

TEST(BlynkFields, TrailingNulIsOptional) {
  EXPECT_EQ(split(std::string_view("vw\0"
                                   "5\0",
                                   5)),
            (V{"vw", "5"}));
  EXPECT_EQ(split(std::string_view("vw\0"
                                   "5",
                                   4)),
            (V{"vw", "5"}));
}

TEST(BlynkFields, KeepsEmptyFields) {
  EXPECT_EQ(split(std::string_view("a\0\0b", 4)), (V{"a", "", "b"}));
  EXPECT_EQ(split(std::string_view("\0a", 2)), (V{"", "a"}));
  EXPECT_EQ(split(std::string_view("a\0\0", 3)), (V{"a", ""}));
}

TEST(BlynkFields, EmptyBodyHasNoFields) {
  EXPECT_TRUE(split("").empty());
  EXPECT_EQ(Fields("").count(), 0u);
  EXPECT_EQ(split(std::string_view("\0", 1)), (V{""}));
}

TEST(BlynkFields, AtFindsByIndex) {
  const Fields f(
      std::string_view("vw\0"
                       "5\0"
                       "a\0"
                       "b",
                       8));
  bool found = false;
  EXPECT_EQ(f.count(), 4u);
  EXPECT_EQ(f.at(3, &found), "b");
  EXPECT_TRUE(found);
  EXPECT_EQ(f.at(4, &found), "");
  EXPECT_FALSE(found);
}

TEST(BlynkFields, SplitWritesEveryFieldAndCountsBeyondCapacity) {
  const std::string_view body(
      "vr\0"
      "1\0"
      "\0"
      "3\0",
      8);
  std::string_view out[4];
  ASSERT_EQ(Fields(body).split(out, 4), 4u);
  EXPECT_EQ(out[0], "vr");
  EXPECT_EQ(out[1], "1");
  EXPECT_EQ(out[2], "");
  EXPECT_EQ(out[3], "3");
  std::string_view two[2];
  EXPECT_EQ(Fields(body).split(two, 2), 4u);  // the count, though only two fit
  EXPECT_EQ(two[1], "1");
  EXPECT_EQ(Fields({}).split(out, 4), 0u);
}

TEST(BlynkFields, SplitAgreesWithAtOnALongBody) {
  std::string body;
  for (int i = 0; i < 1000; ++i) {
    if (i != 0) body.push_back('\0');
    body += std::to_string(i);
  }
  std::vector<std::string_view> out(1000);
  ASSERT_EQ(Fields(body).split(out.data(), out.size()), 1000u);
  for (std::size_t i = 0; i < out.size(); i += 97) EXPECT_EQ(out[i], Fields(body).at(i));
  EXPECT_EQ(out[999], "999");
}

TEST(BlynkBodyBuilder, JoinsWithNulAndNoTrailingNul) {
  char buf[32];
  BodyBuilder b(buf, sizeof buf);
  b.add("vw").add(5).add("23.7");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b.view(), std::string_view("vw\0"
                                       "5\0"
                                       "23.7",
                                       9));
}

TEST(BlynkBodyBuilder, WritesIntegersExactly) {
  char buf[64];
  BodyBuilder b(buf, sizeof buf);
  b.add(std::numeric_limits<std::int64_t>::min())
      .add(0)
      .add(-7)
      .add_unsigned(std::numeric_limits<std::uint64_t>::max());
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(split(b.view()), (V{"-9223372036854775808", "0", "-7", "18446744073709551615"}));
}

TEST(BlynkBodyBuilder, OverflowIsStickyAndWritesNothingMore) {
  char buf[6];
  BodyBuilder b(buf, sizeof buf);
  b.add("ab").add("cde");  // "ab\0cde" needs 6: fits exactly
  EXPECT_TRUE(b.ok());
  EXPECT_EQ(b.size(), 6u);
  b.add("");  // the separator no longer fits
  EXPECT_FALSE(b.ok());
  b.clear();
  b.add("abcdefg");
  EXPECT_FALSE(b.ok());
  EXPECT_EQ(b.size(), 0u);
  b.add("x");
  EXPECT_FALSE(b.ok());
  EXPECT_EQ(b.size(), 0u);
}

TEST(BlynkBodyBuilder, RoundTripsThroughFields) {
  char buf[128];
  BodyBuilder b(buf, sizeof buf);
  const V fields{"tmpl", "TMPLabc", "", "h-beat", "45", "quote\"and\\slash"};
  for (const auto& f : fields) b.add(f);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(split(b.view()), fields);
}

}  // namespace
}  // namespace onboard::blynk
