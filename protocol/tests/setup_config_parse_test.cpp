#include <gtest/gtest.h>

#include <string>

#include "onboard/protocol/setup/config_request.hpp"

namespace onboard::setup {
namespace {

const std::string kToken = "AbCdEfGhIjKlMnOpQrStUvWxYz012-_9";

std::string base() {
  return "ssid=Home&pass=secret123&blynk=" + kToken;
}

ParseResult parse(const std::string& query, ConfigRequest& out) {
  return parse_config_query(query, out);
}

void expect_error(const std::string& query, Field field, Rule rule) {
  ConfigRequest req;
  const ParseResult r = parse(query, req);
  EXPECT_FALSE(r.ok) << query;
  EXPECT_EQ(to_string(r.field), to_string(field)) << query;
  EXPECT_EQ(to_string(r.rule), to_string(rule)) << query;
}

void expect_ok(const std::string& query, ConfigRequest& req) {
  const ParseResult r = parse(query, req);
  EXPECT_TRUE(r.ok) << query << " -> " << to_string(r.field) << ": " << to_string(r.rule);
}

TEST(SetupConfigParse, MinimalRequest) {
  ConfigRequest req;
  expect_ok(base(), req);
  EXPECT_EQ(req.ssid_view(), "Home");
  EXPECT_EQ(req.password_view(), "secret123");
  EXPECT_EQ(req.token_view(), kToken);
  EXPECT_EQ(req.host_view(), "");
  EXPECT_EQ(req.port, 0);
  EXPECT_EQ(req.port_ssl, 0);
  EXPECT_FALSE(req.cloud_port().given());
  EXPECT_FALSE(req.static_ip());
  EXPECT_FALSE(req.save);
  EXPECT_TRUE(req.has(Field::ssid));
  EXPECT_TRUE(req.has(Field::pass));
  EXPECT_FALSE(req.has(Field::host));
}

TEST(SetupConfigParse, FullEdgentRequest) {
  ConfigRequest req;
  expect_ok("?ssid=My+Net&pass=&blynk=" + kToken +
                "&host=blynk.cloud&port_ssl=443&ip=192.168.1.50&mask=255.255.255.0&gw=192.168.1.1"
                "&dns=8.8.8.8&dns2=1.1.1.1&save=1",
            req);
  EXPECT_EQ(req.ssid_view(), "My Net");
  EXPECT_TRUE(req.has(Field::pass));
  EXPECT_EQ(req.password_len, 0);
  EXPECT_EQ(req.host_view(), "blynk.cloud");
  EXPECT_EQ(req.port_ssl, 443);
  EXPECT_FALSE(req.has(Field::port));
  EXPECT_TRUE(req.static_ip());
  EXPECT_EQ(req.ip, 0xC0A80132u);
  EXPECT_EQ(req.mask, 0xFFFFFF00u);
  EXPECT_EQ(req.gw, 0xC0A80101u);
  EXPECT_EQ(req.dns, 0x08080808u);
  EXPECT_EQ(req.dns2, 0x01010101u);
  EXPECT_TRUE(req.save);
}

TEST(SetupConfigParse, MissingRequiredFields) {
  expect_error("pass=secret123&blynk=" + kToken, Field::ssid, Rule::required);
  expect_error("ssid=&blynk=" + kToken, Field::ssid, Rule::required);
  expect_error("ssid=Home&pass=secret123", Field::token, Rule::required);
  expect_error("ssid=Home&blynk=", Field::token, Rule::required);
  expect_error("", Field::ssid, Rule::required);
  expect_error("&&&", Field::ssid, Rule::required);
  expect_error("=", Field::ssid, Rule::required);
}

TEST(SetupConfigParse, MissingPassIsNotMarkedPresent) {
  ConfigRequest req;
  expect_ok("ssid=Cafe&blynk=" + kToken, req);
  EXPECT_FALSE(req.has(Field::pass));
  expect_ok("ssid=Cafe&pass&blynk=" + kToken, req);
  EXPECT_TRUE(req.has(Field::pass));
}

TEST(SetupConfigParse, SsidManualOverridesWhenNonEmpty) {
  ConfigRequest req;
  expect_ok("ssid=Listed&ssidManual=Typed&blynk=" + kToken, req);
  EXPECT_EQ(req.ssid_view(), "Typed");
  expect_ok("ssid=Listed&ssidManual=&blynk=" + kToken, req);
  EXPECT_EQ(req.ssid_view(), "Listed");
  expect_ok("ssidManual=Only&blynk=" + kToken, req);
  EXPECT_EQ(req.ssid_view(), "Only");
  // An unusable listed ssid does not matter once ssidManual replaces it.
  expect_ok("ssid=%ZZ&ssidManual=Typed&blynk=" + kToken, req);
  expect_error("ssid=Ok&ssidManual=" + std::string(33, 'm') + "&blynk=" + kToken, Field::ssid_manual,
               Rule::too_long);
}

TEST(SetupConfigParse, SsidBoundaries) {
  ConfigRequest req;
  expect_ok("ssid=a&blynk=" + kToken, req);
  expect_ok("ssid=" + std::string(32, 's') + "&blynk=" + kToken, req);
  EXPECT_EQ(req.ssid_len, 32);
  expect_error("ssid=" + std::string(33, 's') + "&blynk=" + kToken, Field::ssid, Rule::too_long);
  // 32 bytes after decoding is what counts.
  std::string utf8;
  for (int i = 0; i < 16; ++i) utf8 += "%C3%A9";
  expect_ok("ssid=" + utf8 + "&blynk=" + kToken, req);
  expect_error("ssid=" + utf8 + "x&blynk=" + kToken, Field::ssid, Rule::too_long);
}

TEST(SetupConfigParse, NulIsRejectedInSsidAndPassword) {
  expect_error("ssid=a%00b&blynk=" + kToken, Field::ssid, Rule::contains_nul);
  expect_error("ssid=a&pass=secret%00123&blynk=" + kToken, Field::pass, Rule::contains_nul);
}

TEST(SetupConfigParse, OddSsidsDecode) {
  ConfigRequest req;
  expect_ok("ssid=%22Bob%27s%22+%5C+net&blynk=" + kToken, req);
  EXPECT_EQ(req.ssid_view(), "\"Bob's\" \\ net");
  expect_ok("ssid=a%2Bb+c&blynk=" + kToken, req);
  EXPECT_EQ(req.ssid_view(), "a+b c");
  expect_ok("ssid=%E2%98%95%F0%9F%8F%A0&blynk=" + kToken, req);
  EXPECT_EQ(req.ssid_view(), "\xE2\x98\x95\xF0\x9F\x8F\xA0");
  expect_ok("ssid=Caf%E9&blynk=" + kToken, req);  // Latin-1: bytes, not our business
  EXPECT_EQ(req.ssid_view(), "Caf\xE9");
  expect_ok("ssid=%26%3D%3F%23&blynk=" + kToken, req);
  EXPECT_EQ(req.ssid_view(), "&=?#");
  expect_ok("ssid=%01%1F%7F&blynk=" + kToken, req);
  EXPECT_EQ(req.ssid_view(), "\x01\x1F\x7F");
}

TEST(SetupConfigParse, MalformedEscapes) {
  expect_error("ssid=%&blynk=" + kToken, Field::ssid, Rule::bad_escape);
  expect_error("ssid=%4&blynk=" + kToken, Field::ssid, Rule::bad_escape);
  expect_error("ssid=%G1&blynk=" + kToken, Field::ssid, Rule::bad_escape);
  expect_error("ssid=a&pass=abc%zz12345&blynk=" + kToken, Field::pass, Rule::bad_escape);
  expect_error("ssid=a&blynk=" + kToken + "&host=%", Field::host, Rule::bad_escape);
  expect_error("ssid=a&blynk=" + kToken + "&port=%3", Field::port, Rule::bad_escape);
  expect_error("ssid=a&blynk=" + kToken + "&ip=1.2.3.%", Field::ip, Rule::bad_escape);
}

TEST(SetupConfigParse, PasswordBoundaries) {
  ConfigRequest req;
  const std::string pre = "ssid=a&blynk=" + kToken + "&pass=";
  // Edgent puts no lower bound on a password: WEP keys and short ones go to the radio.
  for (const char* short_one : {"a", "abcde", "abcdef", "1234567", "0123456789", "abcdefghijklm"}) {
    expect_ok(pre + short_one, req);
    EXPECT_EQ(req.password_view(), short_one);
  }
  expect_ok(pre + "12345678", req);
  expect_ok(pre + std::string(63, 'p'), req);
  expect_ok(pre + std::string(64, 'e'), req);
  EXPECT_EQ(req.password_len, 64);
  expect_error(pre + std::string(64, 'x'), Field::pass, Rule::not_hex);
  expect_error(pre + std::string(65, 'e'), Field::pass, Rule::too_long);
  expect_ok(pre + "p%C3%A4ssw%C3%B6rd", req);
  EXPECT_EQ(req.password_view(), "p\xC3\xA4ssw\xC3\xB6rd");
}

TEST(SetupConfigParse, TokenBoundaries) {
  expect_error("ssid=a&blynk=" + kToken.substr(1), Field::token, Rule::too_short);
  expect_error("ssid=a&blynk=" + kToken + "x", Field::token, Rule::too_long);
  expect_error("ssid=a&blynk=" + kToken.substr(1) + "%2F", Field::token, Rule::bad_char);
  expect_error("ssid=a&blynk=" + kToken.substr(1) + "+", Field::token, Rule::bad_char);
  expect_error("ssid=a&blynk=" + std::string(5000, 'T'), Field::token, Rule::too_long);
}

TEST(SetupConfigParse, PlainPort) {
  ConfigRequest req;
  const std::string pre = base() + "&";
  expect_ok(pre + "port=1", req);
  EXPECT_EQ(req.port, 1);
  expect_ok(pre + "port=8080", req);
  EXPECT_EQ(req.port, 8080);
  EXPECT_TRUE(req.has(Field::port));
  EXPECT_FALSE(req.has(Field::port_ssl));
  EXPECT_EQ(req.port_ssl, 0);
  EXPECT_EQ(req.cloud_port().number, 8080);
  EXPECT_FALSE(req.cloud_port().tls);
  expect_ok(pre + "port=65535", req);
  EXPECT_EQ(req.port, 65535);
  expect_error(pre + "port=0", Field::port, Rule::out_of_range);
  expect_error(pre + "port=65536", Field::port, Rule::out_of_range);
  expect_error(pre + "port=08080", Field::port, Rule::leading_zero);
  expect_error(pre + "port=abc", Field::port, Rule::not_number);
  expect_error(pre + "port=-80", Field::port, Rule::not_number);
  expect_error(pre + "port=" + std::string(1000, '9'), Field::port, Rule::too_long);
  expect_ok(pre + "port=", req);
  EXPECT_EQ(req.port, 0);
  EXPECT_FALSE(req.has(Field::port));
  EXPECT_FALSE(req.cloud_port().given());
}

TEST(SetupConfigParse, TlsPort) {
  ConfigRequest req;
  const std::string pre = base() + "&";
  expect_ok(pre + "port_ssl=1", req);
  EXPECT_EQ(req.port_ssl, 1);
  expect_ok(pre + "port_ssl=443", req);
  EXPECT_EQ(req.port_ssl, 443);
  EXPECT_TRUE(req.has(Field::port_ssl));
  EXPECT_FALSE(req.has(Field::port));
  EXPECT_EQ(req.port, 0);
  EXPECT_EQ(req.cloud_port().number, 443);
  EXPECT_TRUE(req.cloud_port().tls);
  expect_ok(pre + "port_ssl=65535", req);
  EXPECT_EQ(req.port_ssl, 65535);
  expect_error(pre + "port_ssl=0", Field::port_ssl, Rule::out_of_range);
  expect_error(pre + "port_ssl=65536", Field::port_ssl, Rule::out_of_range);
  expect_error(pre + "port_ssl=0443", Field::port_ssl, Rule::leading_zero);
  expect_error(pre + "port_ssl=abc", Field::port_ssl, Rule::not_number);
  expect_error(pre + "port_ssl=-443", Field::port_ssl, Rule::not_number);
  expect_error(pre + "port_ssl=%3", Field::port_ssl, Rule::bad_escape);
  expect_error(pre + "port_ssl=" + std::string(1000, '9'), Field::port_ssl, Rule::too_long);
  expect_ok(pre + "port_ssl=", req);
  EXPECT_FALSE(req.has(Field::port_ssl));
  EXPECT_FALSE(req.cloud_port().given());
}

TEST(SetupConfigParse, BothPortsAreKeptAndPortSslWins) {
  ConfigRequest req;
  for (const char* query : {"&port=8080&port_ssl=443", "&port_ssl=443&port=8080"}) {
    expect_ok(base() + query, req);
    EXPECT_EQ(req.port, 8080) << query;
    EXPECT_EQ(req.port_ssl, 443) << query;
    EXPECT_TRUE(req.has(Field::port) && req.has(Field::port_ssl)) << query;
    EXPECT_EQ(req.cloud_port().number, 443) << query;
    EXPECT_TRUE(req.cloud_port().tls) << query;
  }
  // An empty key is absent, so the other one decides.
  expect_ok(base() + "&port_ssl=&port=8080", req);
  EXPECT_EQ(req.cloud_port().number, 8080);
  EXPECT_FALSE(req.cloud_port().tls);
  expect_ok(base() + "&port=&port_ssl=9443", req);
  EXPECT_EQ(req.cloud_port().number, 9443);
  EXPECT_TRUE(req.cloud_port().tls);
}

TEST(SetupConfigParse, BothPortsAreJudgedPortFirst) {
  // The losing key is still checked: a malformed request is refused, not half-read.
  expect_error(base() + "&port=banana&port_ssl=443", Field::port, Rule::not_number);
  expect_error(base() + "&port=8080&port_ssl=0", Field::port_ssl, Rule::out_of_range);
  expect_error(base() + "&port_ssl=x&port=0", Field::port, Rule::out_of_range);
}

TEST(SetupConfigParse, Hosts) {
  ConfigRequest req;
  expect_ok(base() + "&host=cloud.example.org", req);
  EXPECT_EQ(req.host_view(), "cloud.example.org");
  expect_ok(base() + "&host=10.0.0.2", req);
  expect_ok(base() + "&host=", req);
  EXPECT_FALSE(req.has(Field::host));
  expect_error(base() + "&host=bad_host", Field::host, Rule::bad_char);
  expect_error(base() + "&host=-x.org", Field::host, Rule::bad_label);
  expect_error(base() + "&host=" + std::string(64, 'a') + ".org", Field::host, Rule::bad_label);
  expect_error(base() + "&host=" + std::string(254, 'a'), Field::host, Rule::too_long);
  expect_error(base() + "&host=256.1.1.1", Field::host, Rule::out_of_range);
  expect_error(base() + "&host=https%3A%2F%2Fx.org", Field::host, Rule::bad_char);
}

TEST(SetupConfigParse, StaticIp) {
  ConfigRequest req;
  expect_ok(base() + "&ip=10.0.0.5&mask=255.0.0.0", req);
  EXPECT_TRUE(req.static_ip());
  EXPECT_FALSE(req.has(Field::gw));
  expect_ok(base() + "&ip=10.0.0.5&mask=255.255.255.255", req);
  expect_ok(base() + "&ip=&mask=&gw=&dns=&dns2=", req);  // an Edgent form with static off
  EXPECT_FALSE(req.static_ip());
  expect_error(base() + "&ip=256.1.1.1&mask=255.0.0.0", Field::ip, Rule::out_of_range);
  expect_error(base() + "&ip=1.2.3&mask=255.0.0.0", Field::ip, Rule::bad_ipv4);
  expect_error(base() + "&ip=01.2.3.4&mask=255.0.0.0", Field::ip, Rule::leading_zero);
  expect_error(base() + "&ip=0.0.0.0&mask=255.0.0.0", Field::ip, Rule::not_host_address);
  expect_error(base() + "&ip=10.0.0.0&mask=255.255.255.0", Field::ip, Rule::not_host_address);
  expect_error(base() + "&ip=10.0.0.255&mask=255.255.255.0", Field::ip, Rule::not_host_address);
  expect_error(base() + "&ip=10.0.0.5", Field::mask, Rule::required);
  expect_error(base() + "&ip=10.0.0.5&mask=255.0.255.0", Field::mask, Rule::bad_mask);
  expect_error(base() + "&ip=10.0.0.5&mask=0.0.0.0", Field::mask, Rule::bad_mask);
  expect_error(base() + "&ip=10.0.0.5&mask=255.255.255.0&gw=10.0.1.1", Field::gw, Rule::outside_subnet);
  expect_error(base() + "&ip=10.0.0.5&mask=255.255.255.0&dns=8.8.8", Field::dns, Rule::bad_ipv4);
  expect_error(base() + "&ip=10.0.0.5&mask=255.255.255.0&dns2=" + std::string(100, '1'), Field::dns2,
               Rule::too_long);
  // As Edgent: without ip the device uses DHCP and ignores the rest, even when malformed.
  for (const char* rest : {"&mask=255.255.255.0", "&gw=10.0.0.1", "&dns=10.0.0.1&dns2=1.1.1.1",
                           "&mask=bad&gw=10.0.9&dns=x", "&ip=&mask=255.255.255.0&gw=10.0.0.1"}) {
    expect_ok(base() + rest, req);
    EXPECT_FALSE(req.static_ip()) << rest;
    EXPECT_FALSE(req.has(Field::mask) || req.has(Field::gw) || req.has(Field::dns) || req.has(Field::dns2))
        << rest;
  }
}

TEST(SetupConfigParse, Save) {
  ConfigRequest req;
  // Edgent's server.arg("save").toInt(): a nonzero number saves, anything else only tries.
  for (const std::string& yes : {std::string("save=1"), std::string("save=2"), std::string("save=-1"),
                                 std::string("save=%2B7"), std::string("save=+1"), std::string("save=%201"),
                                 std::string("save=1x"), std::string("save=007"), std::string(500, '1')}) {
    const std::string q = yes.rfind("save", 0) == 0 ? yes : "save=" + yes;
    expect_ok(base() + "&" + q, req);
    EXPECT_TRUE(req.save) << q;
  }
  for (const char* no : {"save", "save=", "save=0", "save=true", "save=yes", "save=on", "save=0x1",
                         "save=--1", "save=-%201", "save=%zz1", "save=000"}) {
    expect_ok(base() + "&" + no, req);
    EXPECT_FALSE(req.save) << no;
  }
}

TEST(SetupConfigParse, RepeatedKeysFirstWins) {
  ConfigRequest req;
  expect_ok("ssid=First&ssid=Second&blynk=" + kToken, req);
  EXPECT_EQ(req.ssid_view(), "First");
  // A later duplicate is not even decoded, so it cannot fail the request.
  expect_ok("ssid=First&ssid=%ZZ&blynk=" + kToken + "&blynk=bad", req);
  EXPECT_EQ(req.token_view(), kToken);
  // An empty first occurrence still counts as the occurrence.
  expect_error("ssid=&ssid=Second&blynk=" + kToken, Field::ssid, Rule::required);
}

TEST(SetupConfigParse, UnknownAndHostileKeysAreIgnored) {
  ConfigRequest req;
  expect_ok("x=1&&=&==&" + base() + "&&ssidManualExtraLongKeyName=1&%ZZ=1&SSID=Upper&%73sid=enc", req);
  EXPECT_EQ(req.ssid_view(), "Home");
  // Encoded key names are decoded before matching.
  expect_ok("%73sid=Encoded&bl%79nk=" + kToken, req);
  EXPECT_EQ(req.ssid_view(), "Encoded");
}

TEST(SetupConfigParse, ErrorOrderIsFixedNotQueryOrder) {
  expect_error("ip=bad&blynk=short&ssid=" + std::string(40, 'x'), Field::ssid, Rule::too_long);
  expect_error("ip=bad&blynk=short&ssid=a", Field::token, Rule::too_short);
}

TEST(SetupConfigParse, HugeQueryIsHandled) {
  std::string query = base();
  for (int i = 0; i < 10000; ++i) query += "&junk" + std::to_string(i) + "=" + std::string(10, 'j');
  ConfigRequest req;
  expect_ok(query, req);
}

TEST(SetupConfigParse, ResetsOutputFirst) {
  ConfigRequest req;
  expect_ok(base() + "&host=a.b&save=1", req);
  expect_ok(base(), req);
  EXPECT_FALSE(req.save);
  EXPECT_FALSE(req.has(Field::host));
  EXPECT_EQ(req.host_len, 0);
}

TEST(SetupConfigParse, ErrorMessages) {
  char out[128];
  std::size_t n = format_error(ParseResult::failure(Field::ssid, Rule::too_long), out, sizeof(out));
  EXPECT_EQ(std::string_view(out, n), "ssid: longer than 32 bytes");
  n = format_error(ParseResult::failure(Field::pass, Rule::too_long), out, sizeof(out));
  EXPECT_EQ(std::string_view(out, n), "pass: must be at most 63 characters, or 64 hex digits");
  n = format_error(ParseResult::failure(Field::token, Rule::required), out, sizeof(out));
  EXPECT_EQ(std::string_view(out, n), "blynk: is required");
  EXPECT_EQ(format_error(ParseResult::failure(Field::ssid, Rule::too_long), out, 10), 0u);
  EXPECT_EQ(to_string(Field::ssid_manual), "ssidManual");
  EXPECT_EQ(to_string(Rule::bad_mask), "bad_mask");
}

}  // namespace
}  // namespace onboard::setup
