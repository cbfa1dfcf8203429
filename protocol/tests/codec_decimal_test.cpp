// The shared decimal formatter and parser, and the packed name lists the enums' names use.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "onboard/protocol/codec/decimal.hpp"
#include "onboard/protocol/codec/name_list.hpp"

namespace onboard::codec {
namespace {

std::string text(std::int64_t value) {
  return std::string(Decimal(value).view());
}
std::string text_unsigned(std::uint64_t value) {
  char buf[kMaxDecimalLength];
  char* begin = write_decimal(value, buf + sizeof buf);
  return std::string(begin, buf + sizeof buf);
}

TEST(Decimal, WritesEverySizeOfIntegerExactly) {
  EXPECT_EQ(text(0), "0");
  EXPECT_EQ(text(7), "7");
  EXPECT_EQ(text(-42), "-42");
  EXPECT_EQ(text(4294967295), "4294967295");  // the 32-bit fast path's last value
  EXPECT_EQ(text(4294967296), "4294967296");
  EXPECT_EQ(text(INT64_MAX), "9223372036854775807");
  EXPECT_EQ(text(INT64_MIN), "-9223372036854775808");
  EXPECT_EQ(text_unsigned(UINT64_MAX), "18446744073709551615");
}

TEST(Decimal, ParsesOnlyPlainDigitsWithinTheBound) {
  std::uint32_t v = 99;
  EXPECT_TRUE(parse_decimal("0", 255, v));
  EXPECT_EQ(v, 0u);
  EXPECT_TRUE(parse_decimal("255", 255, v));
  EXPECT_EQ(v, 255u);
  EXPECT_TRUE(parse_decimal("65535", 65535, v));
  EXPECT_EQ(v, 65535u);
  EXPECT_TRUE(parse_decimal("4294967295", UINT32_MAX, v));
  EXPECT_EQ(v, UINT32_MAX);
  v = 7;
  for (const char* bad : {"", "256", "-1", "+1", "1a", " 1", "0255", "99999999999"}) {
    EXPECT_FALSE(parse_decimal(bad, 255, v)) << bad;
    EXPECT_EQ(v, 7u) << bad;
  }
  EXPECT_FALSE(parse_decimal("4294967296", UINT32_MAX, v));
}

TEST(NameList, FindsNamesByIndexAndIndicesByName) {
  constexpr char kNames[] = "zero\0one\0\0three";
  static_assert(count_names(kNames) == 4);
  const std::string_view names = name_list(kNames);
  EXPECT_EQ(name_at(names, 0, "?"), "zero");
  EXPECT_EQ(name_at(names, 1, "?"), "one");
  EXPECT_EQ(name_at(names, 2, "?"), "");
  EXPECT_EQ(name_at(names, 3, "?"), "three");
  EXPECT_EQ(name_at(names, 4, "?"), "?");
  std::size_t i = 99;
  EXPECT_TRUE(index_of(names, "three", i));
  EXPECT_EQ(i, 3u);
  EXPECT_TRUE(index_of(names, "zero", i));
  EXPECT_EQ(i, 0u);
  EXPECT_FALSE(index_of(names, "thre", i));
  EXPECT_FALSE(index_of(names, "four", i));
}

}  // namespace
}  // namespace onboard::codec
