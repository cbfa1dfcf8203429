#include <gtest/gtest.h>

#include <string>

#include "onboard/protocol/air/percent.hpp"
#include "onboard/protocol/codec/percent.hpp"

namespace onboard::air {
namespace {

std::string encode(std::string_view in) {
  std::string out(percent_encoded_size(in), '\0');
  out.resize(percent_encode(in, out.data(), out.size()));
  return out;
}

bool decode(std::string_view in, std::string* out) {
  out->assign(in.size(), '\0');
  const codec::DecodeResult r = codec::percent_decode(in, out->data(), out->size(), codec::Plus::literal);
  if (!r.ok()) return false;
  out->resize(r.size);
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
  EXPECT_FALSE(codec::percent_decode("abc", buf, sizeof buf, codec::Plus::literal).ok());
  const codec::DecodeResult r = codec::percent_decode("%41%42", buf, sizeof buf, codec::Plus::literal);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.size, 2u);
}

// The same decoder reads queries, where a browser writes a space as '+', and air lines,
// where '+' is written as itself.
TEST(AirPercent, PlusIsLiteralInAirLinesAndASpaceInQueries) {
  char buf[8];
  codec::DecodeResult r = codec::percent_decode("a+b", buf, sizeof buf, codec::Plus::literal);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(std::string(buf, r.size), "a+b");
  r = codec::percent_decode("a+b", buf, sizeof buf, codec::Plus::space);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(std::string(buf, r.size), "a b");
}

}  // namespace
}  // namespace onboard::air
