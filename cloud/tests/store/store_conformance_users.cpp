// The conformance suite's part for the administration of users and templates, and the
// listing of provisioning sessions: record operations, and the domain's rules over them.
#include "onboard/cloud/clock.hpp"
#include "onboard/cloud/domain/accounts.hpp"
#include "onboard/cloud/domain/provisioning_report.hpp"
#include "store_conformance.hpp"

namespace onboard::cloud::test {
namespace {

template <typename T>
T ok(StoreResult<T> result) {
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
  if (!result.ok()) throw std::runtime_error("store call failed: " + result.error().message);
  return std::move(result).value();
}

class FixedClock final : public Clock {
 public:
  Millis now() const override { return 50'000; }
};

ProvisioningSession session_of(Id org, Id requester, const std::string& template_id, Millis created) {
  ProvisioningSession s;
  s.token_hash = "hash-" + std::to_string(requester) + "-" + std::to_string(created) + template_id;
  s.template_id = template_id;
  s.org_id = org;
  s.requester_id = requester;
  s.created_at = created;
  s.expires_at = created + 100'000;
  return s;
}

}  // namespace

TEST_P(StoreConformance, UsersAreListedByOrgAndTheirRoleAndPasswordChange) {
  const auto other_org = ok(store->write([](Records& r) { return r.insert_org("Other"); }));
  const auto staff = ok(store->write([&](Records& r) {
    return r.insert_user(User{0, org, "staff@example.com", "h", Role::Staff});
  }));
  ok(store->write([&](Records& r) {
    return r.insert_user(User{0, other_org, "x@example.com", "h", Role::Admin});
  }));
  auto users = ok(store->read([&](Records& r) { return r.users_of_org(org); }));
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0].id, user);
  EXPECT_EQ(users[1].email, "staff@example.com");
  ok(store->write([&](Records& r) { return r.update_user_role(staff.id, Role::Admin); }));
  ok(store->write([&](Records& r) { return r.update_user_password(staff.id, "new-hash"); }));
  auto changed = ok(store->read([&](Records& r) { return r.user_by_id(staff.id); }));
  EXPECT_EQ(changed->role, Role::Admin);
  EXPECT_EQ(changed->password_hash, "new-hash");
}

TEST_P(StoreConformance, AUsersSignInsEndAllButOneAndTheirRecordsMove) {
  const auto other = ok(store->write([&](Records& r) {
    return r.insert_user(User{0, org, "maker@example.com", "h", Role::User});
  }));
  for (const char* h : {"a", "b", "c"})
    ok(store->write([&](Records& r) { return r.insert_auth_session(h, other.id, 9'000); }));
  ok(store->write([&](Records& r) { return r.insert_auth_session("mine", user, 9'000); }));
  EXPECT_EQ(ok(store->write([&](Records& r) { return r.delete_auth_sessions_of_user(other.id, "b"); })), 2);
  EXPECT_TRUE(ok(store->read([&](Records& r) { return r.auth_session_user("b", 0); })));
  EXPECT_FALSE(ok(store->read([&](Records& r) { return r.auth_session_user("a", 0); })));
  EXPECT_EQ(
      ok(store->write([&](Records& r) { return r.delete_auth_sessions_of_user(other.id, std::nullopt); })),
      1);
  EXPECT_TRUE(ok(store->read([&](Records& r) { return r.auth_session_user("mine", 0); })));

  Device d;
  d.org_id = org;
  d.owner_id = other.id;
  d.template_id = "TMPLlamp0001";
  d.name = "Lamp";
  d.token_hash = "device-token";
  const auto device = ok(store->write([&](Records& r) { return r.insert_device(d); }));
  ok(store->write(
      [&](Records& r) { return r.insert_provisioning(session_of(org, other.id, "TMPLlamp0001", 5)); }));
  EXPECT_EQ(ok(store->write([&](Records& r) { return r.reassign_devices(other.id, user); })), 1);
  EXPECT_EQ(ok(store->write([&](Records& r) { return r.reassign_provisioning(other.id, user); })), 1);
  ok(store->write([&](Records& r) { return r.delete_user(other.id); }));
  EXPECT_FALSE(ok(store->read([&](Records& r) { return r.user_by_id(other.id); })));
  EXPECT_EQ(ok(store->read([&](Records& r) { return r.device_by_id(device); }))->owner_id, user);
}

TEST_P(StoreConformance, ATemplateIsRenamed) {
  ok(store->write([](Records& r) { return r.update_template_name("TMPLlamp0001", "Desk lamp"); }));
  EXPECT_EQ(ok(store->read([](Records& r) { return r.template_by_id("TMPLlamp0001"); }))->name, "Desk lamp");
}

TEST_P(StoreConformance, ProvisioningSessionsAreListedNewestFirstByRequesterAndTemplate) {
  ok(store->write([&](Records& r) { return r.insert_template(Template{"TMPLfan00001", org, "Fan", 2}); }));
  const auto other = ok(store->write([&](Records& r) {
    return r.insert_user(User{0, org, "maker@example.com", "h", Role::User});
  }));
  ok(store->write(
      [&](Records& r) { return r.insert_provisioning(session_of(org, user, "TMPLlamp0001", 10)); }));
  ok(store->write(
      [&](Records& r) { return r.insert_provisioning(session_of(org, other.id, "TMPLfan00001", 30)); }));
  ok(store->write(
      [&](Records& r) { return r.insert_provisioning(session_of(org, user, "TMPLfan00001", 20)); }));
  auto all = ok(store->read([&](Records& r) { return r.provisioning_of_org(org, {}); }));
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].created_at, 30);
  EXPECT_EQ(all[2].created_at, 10);
  ProvisioningFilter mine;
  mine.requester = user;
  EXPECT_EQ(ok(store->read([&](Records& r) { return r.provisioning_of_org(org, mine); })).size(), 2u);
  mine.template_id = "TMPLfan00001";
  auto narrowed = ok(store->read([&](Records& r) { return r.provisioning_of_org(org, mine); }));
  ASSERT_EQ(narrowed.size(), 1u);
  EXPECT_EQ(narrowed[0].created_at, 20);
  ProvisioningFilter one;
  one.limit = 1;
  EXPECT_EQ(ok(store->read([&](Records& r) { return r.provisioning_of_org(org, one); })).size(), 1u);
  EXPECT_TRUE(ok(store->read([&](Records& r) { return r.provisioning_of_org(org + 99, {}); })).empty());
}

TEST_P(StoreConformance, TheDomainKeepsTheLastAdminAndMovesARemovedUsersDevices) {
  const auto admin = ok(store->read([&](Records& r) { return r.user_by_id(user); }));
  ASSERT_TRUE(admin);
  auto demoted = ok(change_role(*store, *admin, user, Role::Staff));
  EXPECT_EQ(demoted.refusal, Refusal::LastAdmin);
  auto added = ok(create_user(*store, *admin, "maker@example.com", "a-good-password", Role::User));
  ASSERT_TRUE(added.user);
  auto weak = ok(create_user(*store, *admin, "weak@example.com", "short", Role::User));
  EXPECT_EQ(weak.refusal, Refusal::Invalid);
  EXPECT_EQ(ok(create_user(*store, *added.user, "x@example.com", "a-good-password", Role::Admin)).refusal,
            Refusal::Forbidden);
  ok(store->write(
      [&](Records& r) { return r.insert_auth_session("maker-session", added.user->id, 90'000); }));
  ok(store->write([&](Records& r) {
    return r.insert_provisioning(session_of(org, added.user->id, "TMPLlamp0001", 40'000));
  }));
  FixedClock clock;
  EXPECT_EQ(ok(remove_user(*store, clock, *admin, user)).refusal, Refusal::Invalid);  // not oneself
  auto removed = ok(remove_user(*store, clock, *admin, added.user->id));
  EXPECT_EQ(removed.refusal, Refusal::None);
  EXPECT_FALSE(ok(store->read([&](Records& r) { return r.auth_session_user("maker-session", 0); })));
  auto sessions = ok(store->read([&](Records& r) { return r.provisioning_of_org(org, {}); }));
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(sessions[0].requester_id, user);
  EXPECT_EQ(sessions[0].state, ProvisioningState::Failed);
  EXPECT_EQ(sessions[0].reason, "requester_removed");
}

TEST_P(StoreConformance, DevicesArePagedAndSearchedInTheStore) {
  const auto other = ok(store->write([&](Records& r) {
    return r.insert_user(User{0, org, "maker@example.com", "h", Role::User});
  }));
  int n = 0;
  for (const char* name : {"Lamp 2", "lamp b", "Fan", "Lamp", "50%_off"}) {
    Device d;
    d.org_id = org;
    d.owner_id = n % 2 == 0 ? user : other.id;
    d.template_id = "TMPLlamp0001";
    d.name = name;
    d.token_hash = "token-" + std::to_string(n++);
    ok(store->write([&](Records& r) { return r.insert_device(d); }));
  }
  auto page = ok(store->read([&](Records& r) { return r.devices_page(org, std::nullopt, "", 2, 0); }));
  EXPECT_EQ(page.total, 5);
  ASSERT_EQ(page.devices.size(), 2u);
  EXPECT_EQ(page.devices[0].name, "50%_off");  // bytewise: digits, capitals, then small letters
  EXPECT_EQ(page.devices[1].name, "Fan");
  page = ok(store->read([&](Records& r) { return r.devices_page(org, std::nullopt, "", 2, 4); }));
  ASSERT_EQ(page.devices.size(), 1u);
  EXPECT_EQ(page.devices[0].name, "lamp b");
  page = ok(store->read([&](Records& r) { return r.devices_page(org, std::nullopt, "LAMP", 10, 0); }));
  EXPECT_EQ(page.total, 3);
  ASSERT_EQ(page.devices.size(), 3u);
  EXPECT_EQ(page.devices[0].name, "Lamp");
  EXPECT_EQ(page.devices[2].name, "lamp b");
  EXPECT_EQ(ok(store->read([&](Records& r) { return r.devices_page(org, std::nullopt, "%_", 10, 0); })).total,
            1);
  EXPECT_EQ(ok(store->read([&](Records& r) { return r.devices_page(org, other.id, "", 10, 0); })).total, 2);
  EXPECT_EQ(
      ok(store->read([&](Records& r) { return r.devices_page(org + 9, std::nullopt, "", 10, 0); })).total, 0);
}

TEST_P(StoreConformance, ADevicesHeartbeatAndASessionsStepTimesAreKept) {
  Device d;
  d.org_id = org;
  d.owner_id = user;
  d.template_id = "TMPLlamp0001";
  d.name = "Lamp";
  d.token_hash = "token";
  const auto id = ok(store->write([&](Records& r) { return r.insert_device(d); }));
  EXPECT_EQ(ok(store->read([&](Records& r) { return r.device_by_id(id); }))->heartbeat_s, 0);
  ok(store->write([&](Records& r) { return r.update_device_heartbeat(id, 45); }));
  EXPECT_EQ(ok(store->read([&](Records& r) { return r.device_by_id(id); }))->heartbeat_s, 45);

  auto s = session_of(org, user, "TMPLlamp0001", 1'000);
  s.id = ok(store->write([&](Records& r) { return r.insert_provisioning(s); }));
  s.state = ProvisioningState::Activated;
  s.connected_at = 2'000;
  s.finished_at = 3'500;
  ok(store->write([&](Records& r) { return r.update_provisioning(s); }));
  auto back = ok(store->read([&](Records& r) { return r.provisioning_by_id(s.id); }));
  EXPECT_EQ(back->connected_at, 2'000);
  EXPECT_EQ(back->finished_at, 3'500);
}

TEST_P(StoreConformance, StatisticsCountFinishedSessionsAndTheCommonestReasons) {
  const auto admin = ok(store->read([&](Records& r) { return r.user_by_id(user); }));
  auto add = [&](ProvisioningState state, const std::string& reason, Millis created, Millis finished) {
    auto s = session_of(org, user, "TMPLlamp0001", created);
    s.id = ok(store->write([&](Records& r) { return r.insert_provisioning(s); }));
    s.state = state;
    s.reason = reason;
    s.finished_at = finished;
    ok(store->write([&](Records& r) { return r.update_provisioning(s); }));
  };
  add(ProvisioningState::Activated, "", 1'000, 3'000);
  add(ProvisioningState::Activated, "", 2'000, 6'000);
  add(ProvisioningState::Activated, "", 3'000, 4'000);
  add(ProvisioningState::Failed, "template_mismatch", 4'000, 5'000);
  add(ProvisioningState::Failed, "template_mismatch", 5'000, 6'000);
  add(ProvisioningState::Failed, "device_deleted", 6'000, 7'000);
  add(ProvisioningState::Pending, "", -200'000, 0);  // past its expiry at the clock's 50 s: expired
  FixedClock clock;
  auto stats = ok(provisioning_stats(*store, clock, *admin, std::nullopt));
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->total, 7);
  EXPECT_EQ(stats->activated, 3);
  EXPECT_EQ(stats->failed, 3);
  EXPECT_EQ(stats->expired, 1);
  EXPECT_DOUBLE_EQ(stats->success_rate, 3.0 / 7.0);
  EXPECT_EQ(stats->median_ms, std::optional<Millis>(2'000));
  ASSERT_EQ(stats->top_reasons.size(), 3u);
  EXPECT_EQ(stats->top_reasons[0].reason, "template_mismatch");
  EXPECT_EQ(stats->top_reasons[0].count, 2);
  auto records = ok(provisioning_records(*store, clock, *admin, std::nullopt, 100));
  ASSERT_EQ(records.size(), 7u);
  EXPECT_EQ(records.back().session.state, ProvisioningState::Expired);
  EXPECT_EQ(records.back().steps.back().step, "expired");
  User plain = *admin;
  plain.role = Role::User;
  EXPECT_FALSE(ok(provisioning_stats(*store, clock, plain, std::nullopt)));
}

}  // namespace onboard::cloud::test
