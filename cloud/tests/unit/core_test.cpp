// Unit tests of the socket-free core: config, tokens, limiter, roles, store.
#include <gtest/gtest.h>

#include <filesystem>

#include "onboard/cloud/api/login_limiter.hpp"
#include "onboard/cloud/config.hpp"
#include "onboard/cloud/crypto/password.hpp"
#include "onboard/cloud/crypto/token.hpp"
#include "onboard/cloud/domain/roles.hpp"
#include "onboard/cloud/store/store.hpp"

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

TEST(SqliteStore, ActivationIsOnceAndNamesGetSuffixes) {
  const auto dir = std::filesystem::temp_directory_path() / ("onboard-store-test-" + random_alnum(6));
  std::filesystem::create_directories(dir);
  {
    auto store = open_sqlite_store((dir / "db").string());
    const Id org = store->find_or_create_org("Acme");
    auto user = store->create_user(org, "a@b.c", "x", Role::Admin);
    ASSERT_TRUE(user);
    EXPECT_FALSE(store->create_user(org, "a@b.c", "x", Role::Admin));
    store->create_template(Template{"TMPLabc", org, "Lamp", 1});
    for (int i = 0; i < 2; ++i) {
      ProvisioningSession s;
      s.token_hash = "hash" + std::to_string(i);
      s.template_id = "TMPLabc";
      s.org_id = org;
      s.requester_id = user->id;
      s.expires_at = now_ms() + 100000;
      store->create_provisioning(s);
      ActivationRequest r{s.token_hash, "Lamp", now_ms(), "activated", false};
      auto first = store->activate(r);
      EXPECT_EQ(first.kind, ActivationOutcome::Kind::Activated);
      EXPECT_EQ(first.device.name, i == 0 ? "Lamp" : "Lamp 2");
      auto second = store->activate(r);
      EXPECT_EQ(second.kind, ActivationOutcome::Kind::AlreadyActivated);
      EXPECT_EQ(second.device.id, first.device.id);
    }
    EXPECT_EQ(store->list_devices(org, std::nullopt).size(), 2u);
  }
  {
    auto reopened = open_sqlite_store((dir / "db").string());  // migrations are idempotent
    EXPECT_EQ(reopened->count_provisioning_by_state()["activated"], 2);
  }
  std::filesystem::remove_all(dir);
}

// The store remembers the names it hands out (activations must not scan every
// name of a template); deletions, renames and other templates' names must
// still be seen, and a reopened store must agree.
TEST(SqliteStore, NamesReuseFreedNumbersAndCountOtherBases) {
  const auto dir = std::filesystem::temp_directory_path() / ("onboard-store-test-" + random_alnum(6));
  std::filesystem::create_directories(dir);
  int next_token = 0;
  auto activate = [&](Store& store, Id org, Id user, const std::string& base) {
    ProvisioningSession s;
    s.token_hash = "hash" + std::to_string(next_token++);
    s.template_id = "TMPLabc";
    s.org_id = org;
    s.requester_id = user;
    s.expires_at = now_ms() + 100000;
    store.create_provisioning(s);
    auto out = store.activate(ActivationRequest{s.token_hash, base, now_ms(), "activated", false});
    EXPECT_EQ(out.kind, ActivationOutcome::Kind::Activated);
    return out.device;
  };
  Id org = 0;
  Id user = 0;
  {
    auto store = open_sqlite_store((dir / "db").string());
    org = store->find_or_create_org("Acme");
    user = store->create_user(org, "a@b.c", "x", Role::Admin)->id;
    store->create_template(Template{"TMPLabc", org, "Lamp", 1});
    EXPECT_EQ(activate(*store, org, user, "Lamp").name, "Lamp");
    const auto second = activate(*store, org, user, "Lamp");
    const auto third = activate(*store, org, user, "Lamp");
    EXPECT_EQ(third.name, "Lamp 3");
    store->delete_device(second.id);
    EXPECT_EQ(activate(*store, org, user, "Lamp").name, "Lamp 2");
    store->rename_device(third.id, "Kitchen");
    EXPECT_EQ(activate(*store, org, user, "Lamp").name, "Lamp 3");
    EXPECT_EQ(activate(*store, org, user, "Lamp 4").name, "Lamp 4");  // another template's base
    EXPECT_EQ(activate(*store, org, user, "Lamp").name, "Lamp 5");
    store->rename_device(third.id, "Lamp 6");
    EXPECT_EQ(activate(*store, org, user, "Lamp").name, "Lamp 7");
  }
  {
    auto reopened = open_sqlite_store((dir / "db").string());
    EXPECT_EQ(activate(*reopened, org, user, "Lamp").name, "Lamp 8");
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace onboard::cloud
