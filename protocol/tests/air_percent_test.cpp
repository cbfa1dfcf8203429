#include <gtest/gtest.h>

#include <string>

#include "onboard/protocol/air/percent.hpp"

namespace onboard::air {
namespace {

std::string encode(std::string_view in) {
  std::string out(percent_encoded_size(in), '\0');
  out.resize(percent_encode(in, out.data(), out.size()));
  return out;
}

bool decode(std::string_view in, std::string* out) {
  out->assign(in.size(), '\0');
  std::size_t n = 0;
  if (!percent_decode(in, out->data(), out->size(), &n)) return false;
  out->resize(n);
  return true;
}

TEST(AirPercent, KeepsUnreservedBytes) {
  EXPECT_EQ(encode("Home-5G_x.y~:/,+@#09"), "Home-5G_x.y~:/,+@#09");
}

TEST(AirPercent, EscapesSpacesEqualsQuotesPercentAndControl) {
  EXPECT_EQ(encode("my wifi"), "my%20wifi");
  EXPECT_EQ(encode("a=b"), "a%3Db");
  EXPECT_EQ(encode("\"q\\'"), "%22q%5C%27");
  EXPECT_EQ(encode("100%"), "100%25");
  EXPECT_EQ(encode(std::string_view("\0\n\r", 3)), "%00%0A%0D");
}

TEST(AirPercent, EscapesUtf8ByteByByte) {
  EXPECT_EQ(encode("Café"), "Caf%C3%A9");
}

TEST(AirPercent, RoundTripsEveryByte) {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  std::string back;
  ASSERT_TRUE(decode(encode(all), &back));
  EXPECT_EQ(back, all);
}

TEST(AirPercent, DecodesLowerCaseHex) {
  std::string out;
  ASSERT_TRUE(decode("caf%c3%a9", &out));
  EXPECT_EQ(out, "café");
}

TEST(AirPercent, RefusesMalformedEscapes) {
  std::string out;
  EXPECT_FALSE(decode("%", &out));
  EXPECT_FALSE(decode("%4", &out));
  EXPECT_FALSE(decode("ab%G1", &out));
  EXPECT_FALSE(decode("%%41", &out));
}

TEST(AirPercent, EncodeRefusesASmallBuffer) {
  char buf[5];
  EXPECT_EQ(percent_encode("a b c", buf, sizeof buf), 0u);  // needs 9
  EXPECT_EQ(percent_encode("abcde", buf, sizeof buf), 5u);
}

TEST(AirPercent, DecodeRefusesASmallBuffer) {
  char buf[2];
  std::size_t n = 0;
  EXPECT_FALSE(percent_decode("abc", buf, sizeof buf, &n));
  EXPECT_TRUE(percent_decode("%41%42", buf, sizeof buf, &n));
  EXPECT_EQ(n, 2u);
}

}  // namespace
}  // namespace onboard::air
