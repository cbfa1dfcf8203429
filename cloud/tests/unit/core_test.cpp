// Unit tests of the socket-free core: config, tokens, limiter, roles (the store: tests/store).
#include <gtest/gtest.h>

#include <filesystem>

#include "onboard/cloud/api/login_limiter.hpp"
#include "onboard/cloud/config.hpp"
#include "onboard/cloud/crypto/password.hpp"
#include "onboard/cloud/crypto/token.hpp"
#include "onboard/cloud/domain/roles.hpp"

namespace onboard::cloud {
namespace {

TEST(Endpoint, Parses) {
  EXPECT_EQ(parse_endpoint("127.0.0.1:8080")->port, 8080);
  EXPECT_EQ(parse_endpoint("127.0.0.1:8080")->host, "127.0.0.1");
  EXPECT_EQ(parse_endpoint(":0")->host, "0.0.0.0");
  EXPECT_FALSE(parse_endpoint("host:99999"));
  EXPECT_FALSE(parse_endpoint("host:x"));
}

TEST(Config, ReadsTomlWithTheFlagNames) {
  const auto path = std::filesystem::temp_directory_path() / "onboard-cloud-config-test.toml";
  {
    FILE* f = std::fopen(path.c_str(), "w");
    std::fputs("data-dir = \"/tmp/x\"\nlisten = \"127.0.0.1:1\"\nflood-limit = 7\n", f);
    std::fclose(f);
  }
  Config c;
  EXPECT_EQ(load_config_file(path.string(), c), "");
  EXPECT_EQ(c.data_dir, "/tmp/x");
  EXPECT_EQ(c.listen, "127.0.0.1:1");
  EXPECT_EQ(c.flood_limit, 7);
  EXPECT_EQ(validate(c), "");
  {
    FILE* f = std::fopen(path.c_str(), "w");
    std::fputs("nonsense = 1\n", f);
    std::fclose(f);
  }
  EXPECT_NE(load_config_file(path.string(), c).find("nonsense"), std::string::npos);
  std::filesystem::remove(path);
  c.store = "postgres";
  EXPECT_NE(validate(c), "");
}

TEST(Token, Is32Base64UrlAndHashed) {
  const auto t = random_token();
  EXPECT_TRUE(is_token_shaped(t));
  EXPECT_NE(random_token(), t);
  EXPECT_EQ(token_hash(t).size(), 64u);
  EXPECT_EQ(token_hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Password, Argon2idRoundTrip) {
  const auto h = hash_password("correct horse");
  EXPECT_EQ(h.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(verify_password(h, "correct horse"));
  EXPECT_FALSE(verify_password(h, "wrong horse"));
}

TEST(LoginLimiter, FiveFailuresBlockForTenMinutes) {
  LoginLimiter l;
  const auto t0 = LoginLimiter::Clock::now();
  for (int i = 0; i < 4; ++i) l.record_failure("1.2.3.4", t0);
  EXPECT_EQ(l.retry_after("1.2.3.4", t0), 0);
  l.record_failure("1.2.3.4", t0);
  EXPECT_EQ(l.retry_after("1.2.3.4", t0), 600);
  EXPECT_EQ(l.retry_after("5.6.7.8", t0), 0);
  EXPECT_EQ(l.retry_after("1.2.3.4", t0 + std::chrono::minutes(10)), 0);
}

TEST(Roles, Permissions) {
  EXPECT_TRUE(has_permission(Role::Admin, Permission::ManageAllDevices));
  EXPECT_TRUE(has_permission(Role::Staff, Permission::ManageTemplates));
  EXPECT_FALSE(has_permission(Role::Staff, Permission::ManageAllDevices));
  EXPECT_TRUE(has_permission(Role::User, Permission::Provision));
  EXPECT_FALSE(has_permission(Role::User, Permission::SeeAllDevices));
}

}  // namespace
}  // namespace onboard::cloud
