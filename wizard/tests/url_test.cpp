#include "onboard/wizard/url.hpp"

#include <gtest/gtest.h>

using onboard::wizard::parse_url;

TEST(Url, ParsesSchemeHostPortAndPath) {
  auto u = parse_url("https://cloud.example:9443/base/");
  ASSERT_TRUE(u.ok());
  EXPECT_TRUE(u->tls);
  EXPECT_EQ(u->host, "cloud.example");
  EXPECT_EQ(u->port, 9443);
  EXPECT_EQ(u->base_path, "/base");
}

TEST(Url, DefaultsPortsAndScheme) {
  EXPECT_EQ(parse_url("http://h")->port, 80);
  EXPECT_EQ(parse_url("https://h")->port, 443);
  auto bare = parse_url("10.0.0.1:8080");
  ASSERT_TRUE(bare.ok());
  EXPECT_FALSE(bare->tls);
  EXPECT_EQ(bare->port, 8080);
}

TEST(Url, RefusesBadInput) {
  EXPECT_FALSE(parse_url("ftp://h").ok());
  EXPECT_FALSE(parse_url("http://h:99999").ok());
  EXPECT_FALSE(parse_url("http://:80").ok());
  EXPECT_EQ(to_string(parse_url("http://h:x").failure().reason), "bad_url");
}
