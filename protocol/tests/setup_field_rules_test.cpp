#include <gtest/gtest.h>

#include <string>

#include "onboard/protocol/setup/field_rules.hpp"
#include "onboard/protocol/setup/ipv4.hpp"
#include "onboard/protocol/setup/limits.hpp"

namespace onboard::setup {
namespace {

TEST(SetupIpv4, ParsesStrictDottedQuads) {
  EXPECT_EQ(parse_ipv4("192.168.4.1").value, 0xC0A80401u);
  EXPECT_EQ(parse_ipv4("0.0.0.0").value, 0u);
  EXPECT_EQ(parse_ipv4("255.255.255.255").value, 0xFFFFFFFFu);
  EXPECT_TRUE(parse_ipv4("10.0.0.1").ok());
}

TEST(SetupIpv4, RejectsEverythingElse) {
  EXPECT_EQ(parse_ipv4("256.1.1.1").status, Ipv4Status::out_of_range);
  EXPECT_EQ(parse_ipv4("1.1.1.999").status, Ipv4Status::out_of_range);
  EXPECT_EQ(parse_ipv4("01.2.3.4").status, Ipv4Status::leading_zero);
  EXPECT_EQ(parse_ipv4("1.2.3.00").status, Ipv4Status::leading_zero);
  for (const char* bad :
       {"1.2.3", "1.2.3.4.5", "", "1..2.3", ".1.2.3", "1.2.3.", "1.2.3.4 ", " 1.2.3.4", "1.2.3.4a",
        "0x7f.0.0.1", "1234.1.1.1", "1.2.3.-4", "+1.2.3.4", "1,2,3,4", "a.b.c.d"}) {
    EXPECT_EQ(parse_ipv4(bad).status, Ipv4Status::malformed) << bad;
  }
}

TEST(SetupIpv4, WritesAndRoundTrips) {
  char out[kIpv4TextMaxLength];
  for (Ipv4 v : {0u, 1u, 0xC0A80401u, 0xFFFFFFFFu, 0x0A000063u, 0x64646464u}) {
    const std::size_t n = write_ipv4(v, out, sizeof(out));
    ASSERT_GT(n, 0u);
    EXPECT_EQ(parse_ipv4(std::string_view(out, n)).value, v);
  }
  EXPECT_EQ(write_ipv4(0xFFFFFFFFu, out, 14), 0u);
  EXPECT_EQ(write_ipv4(0u, out, 7), 7u);
}

TEST(SetupIpv4, ContiguousMasks) {
  EXPECT_TRUE(is_contiguous_mask(0xFFFFFF00u));
  EXPECT_TRUE(is_contiguous_mask(0xFFFFFFFFu));
  EXPECT_TRUE(is_contiguous_mask(0x80000000u));
  EXPECT_TRUE(is_contiguous_mask(0xFFFFFFFCu));
  EXPECT_FALSE(is_contiguous_mask(0u));
  EXPECT_FALSE(is_contiguous_mask(0xFF00FF00u));
  EXPECT_FALSE(is_contiguous_mask(0xFFFFFF01u));
  EXPECT_FALSE(is_contiguous_mask(0x00FFFFFFu));
}

TEST(SetupFieldRules, SsidBoundaries) {
  EXPECT_EQ(check_ssid(""), Rule::required);
  EXPECT_EQ(check_ssid("a"), Rule::none);
  EXPECT_EQ(check_ssid(std::string(32, 'x')), Rule::none);
  EXPECT_EQ(check_ssid(std::string(33, 'x')), Rule::too_long);
  EXPECT_EQ(check_ssid(std::string("a\0b", 3)), Rule::contains_nul);
  EXPECT_EQ(check_ssid("\xFF\x01\"\\"), Rule::none);
}

TEST(SetupFieldRules, PasswordBoundaries) {
  EXPECT_EQ(check_password(""), Rule::none);
  // No lower bound, as in Edgent: WEP keys (5 or 13 characters, 10 or 26 hex digits) and short
  // passwords go to the radio, which reports a wrong one as wrong_password.
  EXPECT_EQ(check_password("1234567"), Rule::none);
  EXPECT_EQ(check_password("a"), Rule::none);
  EXPECT_EQ(check_password("abcde"), Rule::none);
  EXPECT_EQ(check_password("abcdefghijklm"), Rule::none);
  EXPECT_EQ(check_password("0123456789"), Rule::none);
  EXPECT_EQ(check_password(std::string(26, 'a')), Rule::none);
  EXPECT_EQ(check_password("abcd"), Rule::none);
  EXPECT_EQ(check_password("abcdef"), Rule::none);
  EXPECT_EQ(check_password("12345678"), Rule::none);
  EXPECT_EQ(check_password(std::string(63, 'p')), Rule::none);
  EXPECT_EQ(check_password(std::string(64, 'a')), Rule::none);
  EXPECT_EQ(check_password(std::string(32, 'F') + std::string(32, '9')), Rule::none);
  EXPECT_EQ(check_password(std::string(63, 'a') + "g"), Rule::not_hex);
  EXPECT_EQ(check_password(std::string(64, 'z')), Rule::not_hex);
  EXPECT_EQ(check_password(std::string(65, 'a')), Rule::too_long);
  EXPECT_EQ(check_password(std::string("pass\0word", 9)), Rule::contains_nul);
}

TEST(SetupFieldRules, TokenBoundaries) {
  const std::string ok = "abcdefghijklmnopqrstuvwxyzAB09-_";
  ASSERT_EQ(ok.size(), 32u);
  EXPECT_EQ(check_token(ok), Rule::none);
  EXPECT_EQ(check_token(""), Rule::required);
  EXPECT_EQ(check_token(ok.substr(0, 31)), Rule::too_short);
  EXPECT_EQ(check_token(ok + "x"), Rule::too_long);
  for (char bad : {'+', '/', '=', ' ', '.', '\0', '\xC3'}) {
    std::string token = ok;
    token[5] = bad;
    EXPECT_EQ(check_token(token), Rule::bad_char) << static_cast<int>(bad);
  }
}

TEST(SetupFieldRules, HostNamesAndAddresses) {
  EXPECT_EQ(check_host("blynk.cloud"), Rule::none);
  EXPECT_EQ(check_host("localhost"), Rule::none);
  EXPECT_EQ(check_host("a-b.c0.example"), Rule::none);
  EXPECT_EQ(check_host("192.168.1.10"), Rule::none);
  EXPECT_EQ(check_host("1.example"), Rule::none);
  EXPECT_EQ(check_host(""), Rule::required);
  EXPECT_EQ(check_host("-a.com"), Rule::bad_label);
  EXPECT_EQ(check_host("a-.com"), Rule::bad_label);
  EXPECT_EQ(check_host("a..com"), Rule::bad_label);
  EXPECT_EQ(check_host(".com"), Rule::bad_label);
  EXPECT_EQ(check_host("example.com."), Rule::bad_label);
  EXPECT_EQ(check_host(std::string(63, 'a') + ".com"), Rule::none);
  EXPECT_EQ(check_host(std::string(64, 'a') + ".com"), Rule::bad_label);
  EXPECT_EQ(check_host("a_b.com"), Rule::bad_char);
  EXPECT_EQ(check_host("host:8080"), Rule::bad_char);
  EXPECT_EQ(check_host("h\xC3\xA9.com"), Rule::bad_char);
  EXPECT_EQ(check_host("256.1.1.1"), Rule::out_of_range);
  EXPECT_EQ(check_host("1.2.3"), Rule::bad_ipv4);
  EXPECT_EQ(check_host("01.2.3.4"), Rule::leading_zero);
}

TEST(SetupFieldRules, HostTotalLength) {
  // 4 labels of 63 + 3 dots = 255; trim to exactly 253 and 254.
  std::string name = std::string(63, 'a') + "." + std::string(63, 'b') + "." + std::string(63, 'c') + "." +
                     std::string(61, 'd');
  ASSERT_EQ(name.size(), 253u);
  EXPECT_EQ(check_host(name), Rule::none);
  EXPECT_EQ(check_host(name + "d"), Rule::too_long);
}

TEST(SetupFieldRules, Port) {
  std::uint16_t port = 7;
  EXPECT_EQ(parse_port("1", port), Rule::none);
  EXPECT_EQ(port, 1);
  EXPECT_EQ(parse_port("65535", port), Rule::none);
  EXPECT_EQ(port, 65535);
  port = 7;
  EXPECT_EQ(parse_port("0", port), Rule::out_of_range);
  EXPECT_EQ(parse_port("65536", port), Rule::out_of_range);
  EXPECT_EQ(parse_port("99999999999999999999", port), Rule::out_of_range);
  EXPECT_EQ(parse_port("abc", port), Rule::not_number);
  EXPECT_EQ(parse_port("-1", port), Rule::not_number);
  EXPECT_EQ(parse_port("+80", port), Rule::not_number);
  EXPECT_EQ(parse_port("80 ", port), Rule::not_number);
  EXPECT_EQ(parse_port("080", port), Rule::leading_zero);
  EXPECT_EQ(parse_port("", port), Rule::required);
  EXPECT_EQ(port, 7);
}

}  // namespace
}  // namespace onboard::setup
