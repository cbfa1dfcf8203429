#include <gtest/gtest.h>

#include <random>
#include <string>

#include "onboard/protocol/setup/config_request.hpp"

namespace onboard::setup {
namespace {

const std::string kToken = "AbCdEfGhIjKlMnOpQrStUvWxYz012-_9";

ConfigRequest minimal() {
  ConfigRequest req;
  req.set_ssid("Home");
  req.set_password("secret123");
  req.set_token(kToken);
  return req;
}

std::string write(const ConfigRequest& req) {
  char out[kMaxQueryLength];
  const std::size_t n = write_query(req, out, sizeof(out));
  EXPECT_GT(n, 0u);
  return std::string(out, n);
}

void expect_round_trip(const ConfigRequest& req) {
  ASSERT_TRUE(validate(req).ok);
  const std::string query = write(req);
  ConfigRequest back;
  const ParseResult r = parse_config_query(query, back);
  ASSERT_TRUE(r.ok) << query << " -> " << to_string(r.field) << ": " << to_string(r.rule);
  EXPECT_TRUE(back == req) << query;
}

TEST(SetupConfigValidate, BuiltRequests) {
  EXPECT_TRUE(validate(minimal()).ok);
  ConfigRequest req;
  EXPECT_EQ(validate(req).field, Field::ssid);
  EXPECT_EQ(validate(req).rule, Rule::required);
  req.set_ssid("x");
  EXPECT_EQ(validate(req).field, Field::token);
  req = minimal();
  req.set_password(std::string(64, 'z'));  // 64 characters are a raw PSK: hex only
  EXPECT_EQ(validate(req).rule, Rule::not_hex);
  req = minimal();
  req.set_port(0);
  EXPECT_EQ(validate(req).field, Field::port);
  req = minimal();
  req.set_port_ssl(0);
  EXPECT_EQ(validate(req).field, Field::port_ssl);
  EXPECT_EQ(validate(req).rule, Rule::out_of_range);
  req = minimal();
  req.set_port(0);
  req.set_port_ssl(0);
  EXPECT_EQ(validate(req).field, Field::port);  // fixed order: port before port_ssl
  req = minimal();
  req.set_ip(Field::gw, 0x0A000001u);
  EXPECT_EQ(validate(req).rule, Rule::requires_ip);
  req = minimal();
  req.set_host("bad host");
  EXPECT_EQ(validate(req).rule, Rule::bad_char);
  req.set_host("");
  EXPECT_TRUE(validate(req).ok);
  EXPECT_TRUE(validate_field(req, Field::pass).ok);
}

TEST(SetupConfigValidate, SettersRefuseOverlongValues) {
  ConfigRequest req = minimal();
  EXPECT_FALSE(req.set_ssid(std::string(33, 's')));
  EXPECT_EQ(req.ssid_view(), "Home");
  EXPECT_FALSE(req.set_password(std::string(65, 'p')));
  EXPECT_FALSE(req.set_token(kToken + "x"));
  EXPECT_FALSE(req.set_host(std::string(254, 'h')));
  EXPECT_TRUE(req.set_ssid(std::string(32, 's')));
}

TEST(SetupConfigWrite, WritesPresentFieldsInOrder) {
  ConfigRequest req = minimal();
  req.set_ssid("My \"Net\" & co");
  req.set_host("blynk.cloud");
  req.set_port_ssl(443);
  req.set_ip(Field::ip, 0xC0A80132u);
  req.set_ip(Field::mask, 0xFFFFFF00u);
  req.save = true;
  EXPECT_EQ(write(req), "ssid=My%20%22Net%22%20%26%20co&pass=secret123&blynk=" + kToken +
                            "&host=blynk.cloud&port_ssl=443&ip=192.168.1.50&mask=255.255.255.0&save=1");
}

TEST(SetupConfigWrite, EachPortGoesUnderItsOwnKey) {
  ConfigRequest req = minimal();
  req.set_port(8080);
  EXPECT_EQ(write(req), "ssid=Home&pass=secret123&blynk=" + kToken + "&port=8080");
  expect_round_trip(req);
  req = minimal();
  req.set_port_ssl(9443);
  EXPECT_EQ(write(req), "ssid=Home&pass=secret123&blynk=" + kToken + "&port_ssl=9443");
  expect_round_trip(req);
  req.set_port(8080);
  EXPECT_EQ(write(req), "ssid=Home&pass=secret123&blynk=" + kToken + "&port=8080&port_ssl=9443");
  expect_round_trip(req);
}

TEST(SetupConfigValidate, CloudPortRule) {
  ConfigRequest req = minimal();
  EXPECT_FALSE(req.cloud_port().given());
  req.set_port(8080);
  EXPECT_EQ(req.cloud_port().number, 8080);
  EXPECT_FALSE(req.cloud_port().tls);
  req.set_port_ssl(443);  // both: port_ssl wins
  EXPECT_EQ(req.cloud_port().number, 443);
  EXPECT_TRUE(req.cloud_port().tls);
  req = minimal();
  req.set_port_ssl(9443);
  EXPECT_EQ(req.cloud_port().number, 9443);
  EXPECT_TRUE(req.cloud_port().tls);
}

TEST(SetupConfigWrite, FailsWhenBufferTooSmall) {
  char out[16];
  EXPECT_EQ(write_query(minimal(), out, sizeof(out)), 0u);
}

TEST(SetupConfigWrite, RoundTrips) {
  expect_round_trip(minimal());
  ConfigRequest open = minimal();
  open.set_password("");
  expect_round_trip(open);
  ConfigRequest no_pass;
  no_pass.set_ssid("x");
  no_pass.set_token(kToken);
  expect_round_trip(no_pass);

  ConfigRequest full = minimal();
  std::string odd;
  for (int i = 1; i <= 32; ++i) odd.push_back(static_cast<char>(i * 7 + 1));
  full.set_ssid(odd);
  full.set_password(std::string(64, 'A'));
  full.set_host(std::string(63, 'a') + "." + std::string(63, 'b') + "." + std::string(63, 'c') + "." +
                std::string(61, 'd'));
  full.set_port(65535);
  full.set_port_ssl(65534);
  full.set_ip(Field::ip, 0x0A000005u);
  full.set_ip(Field::mask, 0xFFFFFF00u);
  full.set_ip(Field::gw, 0x0A000001u);
  full.set_ip(Field::dns, 0x08080808u);
  full.set_ip(Field::dns2, 0u);
  full.save = true;
  expect_round_trip(full);
  EXPECT_LE(write(full).size(), kMaxQueryLength);
}

TEST(SetupConfigWrite, WorstCaseFitsMaxQueryLength) {
  ConfigRequest req;
  req.set_ssid(std::string(32, '\xFF'));
  req.set_password(std::string(63, '\x01') + "x");
  req.set_token(kToken);
  ASSERT_EQ(validate(req).rule, Rule::not_hex);
  req.set_password(std::string(63, '%'));
  req.set_host(std::string(253, 'h'));
  req.set_host(std::string(63, 'h') + "." + std::string(63, 'h') + "." + std::string(63, 'h') + "." +
               std::string(61, 'h'));
  req.set_port(65535);
  req.set_port_ssl(65535);
  for (Field f : {Field::ip, Field::mask, Field::gw, Field::dns, Field::dns2}) req.set_ip(f, 0xFFFFFF00u);
  req.set_ip(Field::ip, 0xFFFFFF01u);
  req.set_ip(Field::gw, 0xFFFFFF02u);
  req.save = true;
  ASSERT_TRUE(validate(req).ok);
  char out[kMaxQueryLength];
  EXPECT_GT(write_query(req, out, sizeof(out)), 0u);
  expect_round_trip(req);
}

TEST(SetupConfigWrite, RandomRoundTrips) {
  std::mt19937 rng(1234);
  auto bytes = [&](std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s.push_back(static_cast<char>(1 + rng() % 255));
    return s;
  };
  for (int i = 0; i < 2000; ++i) {
    ConfigRequest req;
    req.set_ssid(bytes(1 + rng() % 32));
    if (rng() % 2) req.set_password(rng() % 3 ? bytes(8 + rng() % 56) : std::string());
    req.set_token(kToken);
    if (rng() % 2) req.set_port(static_cast<std::uint16_t>(1 + rng() % 65535));
    if (rng() % 2) req.set_port_ssl(static_cast<std::uint16_t>(1 + rng() % 65535));
    req.save = rng() % 2;
    if (!validate(req).ok) continue;  // e.g. a 64-byte non-hex password
    expect_round_trip(req);
  }
}

}  // namespace
}  // namespace onboard::setup
