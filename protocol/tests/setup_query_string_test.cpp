#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "onboard/protocol/setup/query_string.hpp"

namespace onboard::setup {
namespace {

std::vector<std::pair<std::string, std::string>> pairs(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const QueryPair& p : QueryPairs(query)) out.emplace_back(std::string(p.key), std::string(p.value));
  return out;
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(SetupQueryPairs, SplitsOnAmpersandAndFirstEquals) {
  EXPECT_EQ(pairs("a=1&b=2"), (Pairs{{"a", "1"}, {"b", "2"}}));
  EXPECT_EQ(pairs("a=1=2"), (Pairs{{"a", "1=2"}}));
  EXPECT_EQ(pairs("flag&b="), (Pairs{{"flag", ""}, {"b", ""}}));
}

TEST(SetupQueryPairs, SkipsEmptySegmentsAndLeadingQuestionMark) {
  EXPECT_EQ(pairs(""), Pairs{});
  EXPECT_EQ(pairs("?"), Pairs{});
  EXPECT_EQ(pairs("&&&"), Pairs{});
  EXPECT_EQ(pairs("?a=1&&b=2&"), (Pairs{{"a", "1"}, {"b", "2"}}));
}

TEST(SetupQueryPairs, LoneEqualsIsEmptyKeyAndValue) {
  EXPECT_EQ(pairs("="), (Pairs{{"", ""}}));
}

TEST(SetupQueryPairs, EmptyRangeBeginEqualsEnd) {
  QueryPairs empty("");
  EXPECT_TRUE(empty.begin() == empty.end());
  QueryPairs one("x=1");
  EXPECT_TRUE(one.begin() != one.end());
}

std::string decode(std::string_view in, std::size_t cap, DecodeStatus expected = DecodeStatus::ok) {
  std::vector<char> out(cap + 1, '#');
  const DecodeResult r = codec::percent_decode(in, out.data(), cap, codec::Plus::space);
  EXPECT_EQ(r.status, expected) << in;
  EXPECT_EQ(out[cap], '#') << "wrote past cap for " << in;
  return r.ok() ? std::string(out.data(), r.size) : std::string();
}

TEST(SetupPercentDecode, PlusIsSpaceAndEscapesDecode) {
  EXPECT_EQ(decode("My+Home", 32), "My Home");
  EXPECT_EQ(decode("a%2Bb", 32), "a+b");
  EXPECT_EQ(decode("%22quoted%22", 32), "\"quoted\"");
  EXPECT_EQ(decode("back%5Cslash", 32), "back\\slash");
  EXPECT_EQ(decode("caf%C3%A9", 32), "caf\xC3\xA9");
  EXPECT_EQ(decode("%e2%98%83", 32), "\xE2\x98\x83");
  EXPECT_EQ(decode("%26%3D%25", 32), "&=%");
  EXPECT_EQ(decode("", 0), "");
}

TEST(SetupPercentDecode, NulEscapeDecodesToNulByte) {
  const std::string out = decode("a%00b", 8);
  EXPECT_EQ(out, std::string("a\0b", 3));
}

TEST(SetupPercentDecode, MalformedEscapes) {
  decode("%", 8, DecodeStatus::bad_escape);
  decode("%4", 8, DecodeStatus::bad_escape);
  decode("%G1", 8, DecodeStatus::bad_escape);
  decode("%1G", 8, DecodeStatus::bad_escape);
  decode("abc%", 8, DecodeStatus::bad_escape);
  decode("%%41", 8, DecodeStatus::bad_escape);
}

TEST(SetupPercentDecode, CapacityIsExact) {
  EXPECT_EQ(decode("abcd", 4), "abcd");
  decode("abcde", 4, DecodeStatus::too_long);
  EXPECT_EQ(decode("%41%42", 2), "AB");
  decode("%41%42%43", 2, DecodeStatus::too_long);
  decode("a", 0, DecodeStatus::too_long);
  EXPECT_EQ(to_string(DecodeStatus::too_long), "too long");
}

TEST(SetupPercentDecode, HugeInputIsRejectedWithoutOverrun) {
  const std::string huge(100000, 'x');
  decode(huge, 64, DecodeStatus::too_long);
}

TEST(SetupPercentEncode, KeepsUnreservedAndEscapesTheRest) {
  char out[64];
  std::size_t n = 0;
  ASSERT_TRUE(percent_encode("aZ09-._~ +&=%\"\\\xC3\xA9", out, sizeof(out), n));
  EXPECT_EQ(std::string(out, n), "aZ09-._~%20%2B%26%3D%25%22%5C%C3%A9");
}

TEST(SetupPercentEncode, FailsWhenItDoesNotFit) {
  char out[4];
  std::size_t n = 0;
  EXPECT_TRUE(percent_encode("abcd", out, 4, n));
  EXPECT_EQ(n, 4u);
  EXPECT_FALSE(percent_encode("abcde", out, 4, n));
  EXPECT_FALSE(percent_encode("ab ", out, 4, n));
  EXPECT_TRUE(percent_encode("a ", out, 4, n));
}

TEST(SetupPercentEncode, RoundTripsEveryByte) {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  std::vector<char> enc(percent_encoded_max(all.size()));
  std::size_t n = 0;
  ASSERT_TRUE(percent_encode(all, enc.data(), enc.size(), n));
  EXPECT_EQ(decode(std::string_view(enc.data(), n), 256), all);
}

}  // namespace
}  // namespace onboard::setup
