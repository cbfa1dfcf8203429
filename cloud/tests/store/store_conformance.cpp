#include "store_conformance.hpp"

#include "onboard/cloud/crypto/token.hpp"
#include "onboard/cloud/domain/devices.hpp"
#include "onboard/cloud/domain/housekeeping.hpp"
#include "onboard/cloud/domain/provisioning.hpp"

namespace onboard::cloud::test {

std::string store_factory_name(const ::testing::TestParamInfo<StoreFactory>& info) {
  return info.param.name;
}

namespace {
constexpr const char* kTemplate = "TMPLlamp0001";

template <typename T>
T ok(StoreResult<T> result) {
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
  if (!result.ok()) throw std::runtime_error("store call failed: " + result.error().message);
  return std::move(result).value();
}

// A provisioning session of the fixture's template, stored; returns its token hash.
std::string open_session(Store& store, Id org, Id user, Millis expires_at, std::optional<Id> device = {}) {
  ProvisioningSession s;
  s.token_hash = token_hash(random_token());
  s.template_id = kTemplate;
  s.org_id = org;
  s.requester_id = user;
  s.device_id = device;
  s.reconfigure = device.has_value();
  s.created_at = expires_at - 60'000;
  s.expires_at = expires_at;
  ok(store.write([&](Records& r) { return r.insert_provisioning(s); }));
  return s.token_hash;
}
}  // namespace

std::string open_session_for_purge(Store& store, Id org, Id user, Millis expires_at) {
  return open_session(store, org, user, expires_at);
}

void StoreConformance::SetUp() {
  store = GetParam().make();
  ASSERT_TRUE(store);
  auto created = store->write([&](Records& r) -> StoreResult<User> {
    auto o = r.insert_org("Acme");
    if (!o) return o.error();
    org = *o;
    if (auto t = r.insert_template(Template{kTemplate, org, "Lamp", 1}); !t) return t.error();
    return r.insert_user(User{0, org, "admin@example.com", "hash", Role::Admin});
  });
  ASSERT_TRUE(created.ok()) << created.error().message;
  user = created->id;
}

TEST_P(StoreConformance, UsersAreFoundByEmailAndIdAndATakenEmailIsAConflict) {
  auto again = store->write([&](Records& r) {
    return r.insert_user(User{0, org, "admin@example.com", "x", Role::User});
  });
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, StoreErrorKind::Conflict);
  auto by_email = ok(store->read([&](Records& r) { return r.user_by_email("admin@example.com"); }));
  ASSERT_TRUE(by_email);
  EXPECT_EQ(by_email->id, user);
  EXPECT_EQ(by_email->role, Role::Admin);
  EXPECT_EQ(ok(store->read([&](Records& r) { return r.user_by_id(user); }))->email, "admin@example.com");
  EXPECT_FALSE(ok(store->read([&](Records& r) { return r.user_by_email("nobody@example.com"); })));
  EXPECT_EQ(ok(store->read([&](Records& r) { return r.org_by_name("Acme"); })), std::optional<Id>(org));
}

TEST_P(StoreConformance, AFailedTransactionLeavesNothingBehind) {
  auto status = store->write([&](Records& r) -> StoreStatus {
    if (auto u = r.insert_user(User{0, org, "new@example.com", "x", Role::User}); !u) return u.error();
    return store_failure(StoreErrorKind::Io, "the work gave up");
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message, "the work gave up");
  EXPECT_FALSE(ok(store->read([&](Records& r) { return r.user_by_email("new@example.com"); })));
}

TEST_P(StoreConformance, AuthSessionsExpireAndArePurged) {
  ok(store->write([&](Records& r) { return r.insert_auth_session("h1", user, 1000); }));
  ok(store->write([&](Records& r) { return r.insert_auth_session("h2", user, 5000); }));
  EXPECT_EQ(ok(store->read([&](Records& r) { return r.auth_session_user("h1", 999); })),
            std::optional<Id>(user));
  EXPECT_FALSE(ok(store->read([&](Records& r) { return r.auth_session_user("h1", 1000); })));
  EXPECT_EQ(ok(store->write([&](Records& r) { return r.delete_auth_sessions_expired(2000); })), 1);
  EXPECT_TRUE(ok(store->read([&](Records& r) { return r.auth_session_user("h2", 2000); })));
}

TEST_P(StoreConformance, ASignedOutSessionIsGoneAndTheOthersStay) {
  ok(store->write([&](Records& r) { return r.insert_auth_session("h1", user, 5000); }));
  ok(store->write([&](Records& r) { return r.insert_auth_session("h2", user, 5000); }));
  ok(store->write([&](Records& r) { return r.delete_auth_session("h1"); }));
  EXPECT_FALSE(ok(store->read([&](Records& r) { return r.auth_session_user("h1", 1000); })));
  EXPECT_EQ(ok(store->read([&](Records& r) { return r.auth_session_user("h2", 1000); })),
            std::optional<Id>(user));
  ok(store->write([&](Records& r) { return r.delete_auth_session("no-such-hash"); }));
}

TEST_P(StoreConformance, TemplatesBelongToTheirOrg) {
  ok(store->write([&](Records& r) { return r.insert_template(Template{"TMPLother001", org, "Fan", 2}); }));
  auto dup = store->write([&](Records& r) {
    return r.insert_template(Template{"TMPLother001", org, "Fan", 3});
  });
  EXPECT_TRUE(dup.is(StoreErrorKind::Conflict));
  auto list = ok(store->read([&](Records& r) { return r.templates_of_org(org); }));
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].name, "Lamp");
  EXPECT_EQ(list[1].name, "Fan");
  EXPECT_TRUE(ok(store->read([&](Records& r) { return r.templates_of_org(org + 1000); })).empty());
}

TEST_P(StoreConformance, ProvisioningSessionsAreCountedAndExpiredOnesPurged) {
  const auto a = open_session(*store, org, user, 10'000);
  open_session(*store, org, user, 20'000);
  auto session = ok(store->read([&](Records& r) { return r.provisioning_by_token(a); }));
  ASSERT_TRUE(session);
  EXPECT_EQ(session->state, ProvisioningState::Pending);
  session->state = ProvisioningState::Failed;
  session->reason = "template_mismatch";
  ok(store->write([&](Records& r) { return r.update_provisioning(*session); }));
  auto again = ok(store->read([&](Records& r) { return r.provisioning_by_id(session->id); }));
  EXPECT_EQ(again->reason, "template_mismatch");
  auto counts = ok(store->read([](Records& r) { return r.count_provisioning_by_state(); }));
  EXPECT_EQ(counts["failed"], 1);
  EXPECT_EQ(counts["pending"], 1);
  EXPECT_EQ(counts["activated"], 0);
  EXPECT_EQ(ok(store->read([&](Records& r) { return r.count_provisioning_since(user, -100'000); })), 2);
  EXPECT_EQ(ok(store->read([&](Records& r) { return r.count_provisioning_since(user, -45'000); })), 1);
  EXPECT_EQ(ok(store->write([&](Records& r) { return r.delete_provisioning_expired(15'000); })), 1);
  EXPECT_FALSE(ok(store->read([&](Records& r) { return r.provisioning_by_token(a); })));
}

TEST_P(StoreConformance, DeviceNamesAndTokensAreUniqueAndDeletionTakesItsData) {
  Device d;
  d.org_id = org;
  d.owner_id = user;
  d.template_id = kTemplate;
  d.name = "Lamp";
  d.token_hash = "t1";
  const Id id = ok(store->write([&](Records& r) { return r.insert_device(d); }));
  d.token_hash = "t2";
  EXPECT_TRUE(store->write([&](Records& r) { return r.insert_device(d); }).is(StoreErrorKind::Conflict));
  d.name = "Lamp 2";
  const Id second = ok(store->write([&](Records& r) { return r.insert_device(d); }));
  EXPECT_TRUE(store->write([&](Records& r) { return r.update_device_name(second, "Lamp"); })
                  .is(StoreErrorKind::Conflict));
  auto names = ok(store->read([&](Records& r) { return r.device_names_like(org, "Lamp"); }));
  EXPECT_EQ(names.size(), 2u);
  EXPECT_TRUE(ok(store->read([&](Records& r) { return r.device_names_like(org, "La"); })).empty());

  ok(store->write(
      [&](Records& r) { return r.update_device_tokens(id, "t3", std::string("t1"), Millis{77}); }));
  EXPECT_EQ(ok(store->read([&](Records& r) { return r.device_by_token("t3"); }))->id, id);
  auto replaced = ok(store->read([&](Records& r) { return r.device_by_previous_token("t1"); }));
  EXPECT_EQ(replaced->id, id);
  EXPECT_EQ(replaced->previous_token_until, Millis{77});
  EXPECT_FALSE(ok(store->read([&](Records& r) { return r.device_by_token("t1"); })));
  ok(store->write([&](Records& r) { return r.update_device_tokens(id, "t3", std::nullopt, std::nullopt); }));
  EXPECT_FALSE(ok(store->read([&](Records& r) { return r.device_by_previous_token("t1"); })));
  EXPECT_FALSE(ok(store->read([&](Records& r) { return r.device_by_id(id); }))->previous_token_until);

  ok(store->write([&](Records& r) -> StoreStatus {
    if (auto s = r.upsert_metadata(id, "Hotspot Name", "Lamp-1"); !s) return s;
    if (auto s = r.upsert_metadata(id, "Hotspot Name", "Lamp-2"); !s) return s;
    return r.upsert_metadata(id, "Serial", "42");
  }));
  const auto meta = ok(store->read([&](Records& r) { return r.metadata_of_device(id); }));
  EXPECT_EQ(meta, (std::map<std::string, std::string>{{"Hotspot Name", "Lamp-2"}, {"Serial", "42"}}));
  EXPECT_EQ(ok(store->read([&](Records& r) { return r.count_metadata(id); })), 2);

  ok(store->write([&](Records& r) -> StoreStatus {
    if (auto s = r.upsert_pin(PinValue{id, "V1", "a"}); !s) return s;
    if (auto s = r.upsert_pin(PinValue{id, "V1", "b"}); !s) return s;
    if (auto s = r.upsert_property(id, "V1", "label", "x"); !s) return s;
    if (auto s = r.update_device_firmware(id, "1.2.3"); !s) return s;
    return r.insert_event(id, TimelineEvent{5, "event", "c", "d"});
  }));
  EXPECT_EQ(ok(store->read([&](Records& r) { return r.pins_of_device(id); })).at("V1"), "b");
  EXPECT_EQ(ok(store->read([&](Records& r) { return r.count_properties(id); })), 1);
  EXPECT_EQ(ok(store->read([&](Records& r) { return r.device_by_id(id); }))->firmware, "1.2.3");

  ok(store->write([&](Records& r) { return r.delete_device(id); }));
  EXPECT_FALSE(ok(store->read([&](Records& r) { return r.device_by_id(id); })));
  EXPECT_TRUE(ok(store->read([&](Records& r) { return r.pins_of_device(id); })).empty());
  EXPECT_TRUE(ok(store->read([&](Records& r) { return r.metadata_of_device(id); })).empty());
  EXPECT_EQ(ok(store->read([&](Records& r) { return r.count_events(id); })), 0);
  // Writes for a deleted device are skipped, not failures.
  ok(store->write([&](Records& r) { return r.upsert_pin(PinValue{id, "V1", "late"}); }));
  ok(store->write([&](Records& r) { return r.insert_event(id, TimelineEvent{6, "event", "c", "d"}); }));
  EXPECT_TRUE(ok(store->read([&](Records& r) { return r.pins_of_device(id); })).empty());
  EXPECT_EQ(ok(store->read([&](Records& r) { return r.count_events(id); })), 0);
}

TEST_P(StoreConformance, TimelineIsNewestFirstAndTrimmedToTheNewest) {
  Device d{0, org, user, kTemplate, "Lamp", "t1", "", 0, 0, std::nullopt, std::nullopt};
  const Id id = ok(store->write([&](Records& r) { return r.insert_device(d); }));
  ok(store->write([&](Records& r) -> StoreStatus {
    for (int i = 0; i < 10; ++i) {
      if (auto s = r.insert_event(id, TimelineEvent{i, "event", "e" + std::to_string(i), ""}); !s) return s;
    }
    return done();
  }));
  auto newest = ok(store->read([&](Records& r) { return r.events_of_device(id, 3); }));
  ASSERT_EQ(newest.size(), 3u);
  EXPECT_EQ(newest[0].code, "e9");
  ok(store->write([&](Records& r) { return r.trim_events(id, 4); }));
  EXPECT_EQ(ok(store->read([&](Records& r) { return r.count_events(id); })), 4);
  EXPECT_EQ(ok(store->read([&](Records& r) { return r.events_of_device(id, 10); })).back().code, "e6");
}

TEST_P(StoreConformance, TheHealthProbeWrites) {
  EXPECT_TRUE(store->write([&](Records& r) { return r.touch_health(1); }).ok());
  EXPECT_TRUE(store->write([&](Records& r) { return r.touch_health(2); }).ok());
}

// The domain's rules over this store.

TEST_P(StoreConformance, ALoginConnectsASessionAndAnActivationHappensOnce) {
  ManualClock clock;
  Devices devices(*store, clock);
  const auto token = open_session(*store, org, user, clock.now() + 60'000);
  auto login = ok(devices.login(token));
  ASSERT_TRUE(login.session);
  EXPECT_EQ(login.session->state, ProvisioningState::Connected);
  auto first = ok(devices.activate(token, true));
  EXPECT_EQ(first.kind, ActivationOutcome::Kind::Activated);
  EXPECT_EQ(first.device.name, "Lamp");
  auto second = ok(devices.activate(token, true));
  EXPECT_EQ(second.kind, ActivationOutcome::Kind::AlreadyActivated);
  EXPECT_EQ(second.device.id, first.device.id);
  EXPECT_EQ(ok(devices.login(token)).device->id, first.device.id);
  auto events = ok(store->read([&](Records& r) { return r.events_of_device(first.device.id, 10); }));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].description, std::string("activated with template ") + kTemplate);
}

TEST_P(StoreConformance, AnActivationSavesTheInfoItCameWith) {
  ManualClock clock;
  Devices devices(*store, clock);
  const auto token = open_session(*store, org, user, clock.now() + 60'000);
  auto first = ok(devices.activate(token, ActivationReport{true, 45, "2.1.0"}));
  EXPECT_EQ(first.kind, ActivationOutcome::Kind::Activated);
  EXPECT_TRUE(first.created);
  EXPECT_EQ(first.device.heartbeat_s, 45);
  EXPECT_EQ(first.device.firmware, "2.1.0");
  auto stored = ok(store->read([&](Records& r) { return r.device_by_id(first.device.id); }));
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->heartbeat_s, 45);
  EXPECT_EQ(stored->firmware, "2.1.0");
  // The race's loser logs in as the device: nothing was created for it.
  auto second = ok(devices.activate(token, ActivationReport{true, 45, "2.1.0"}));
  EXPECT_EQ(second.kind, ActivationOutcome::Kind::AlreadyActivated);
  EXPECT_FALSE(second.created);
}

TEST_P(StoreConformance, ASessionPastItsExpiryIsRefusedAndRecordedExpired) {
  ManualClock clock;
  Devices devices(*store, clock);
  const auto token = open_session(*store, org, user, clock.now() + 60'000);
  clock.advance(60'000);  // moved, not slept
  auto login = ok(devices.login(token));
  ASSERT_TRUE(login.session);
  EXPECT_EQ(login.session->state, ProvisioningState::Expired);
  auto outcome = ok(devices.activate(token, true));
  EXPECT_EQ(outcome.kind, ActivationOutcome::Kind::Refused);
  EXPECT_EQ(outcome.state, ProvisioningState::Expired);
}

TEST_P(StoreConformance, ActivationWithoutATemplateLeavesAWarning) {
  ManualClock clock;
  Devices devices(*store, clock);
  const auto token = open_session(*store, org, user, clock.now() + 60'000);
  auto outcome = ok(devices.activate(token, false));
  auto events = ok(store->read([&](Records& r) { return r.events_of_device(outcome.device.id, 10); }));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_TRUE(events[0].code == "no_template" || events[1].code == "no_template");
}

TEST_P(StoreConformance, NamesReuseFreedNumbersAndCountOtherBases) {
  ManualClock clock;
  Devices devices(*store, clock);
  auto activate = [&] {
    const auto token = open_session(*store, org, user, clock.now() + 60'000);
    return ok(devices.activate(token, true)).device;
  };
  EXPECT_EQ(activate().name, "Lamp");
  const auto second = activate();
  EXPECT_EQ(second.name, "Lamp 2");
  const auto third = activate();
  EXPECT_EQ(third.name, "Lamp 3");
  ok(devices.remove(second));
  EXPECT_EQ(activate().name, "Lamp 2");
  ok(devices.rename(third, "Kitchen"));
  EXPECT_EQ(activate().name, "Lamp 3");
  auto taken = devices.rename(third, "Lamp");
  EXPECT_TRUE(taken.is(StoreErrorKind::Conflict));
  ok(devices.rename(third, "Lamp 5"));
  EXPECT_EQ(activate().name, "Lamp 4");
  EXPECT_EQ(activate().name, "Lamp 6");
  // Another writer took the next name behind the namer's back: it notices and retries.
  Device squatter{0, org, user, kTemplate, "Lamp 7", "squatter", "", 0, 0, std::nullopt, std::nullopt};
  ok(store->write([&](Records& r) { return r.insert_device(squatter); }));
  EXPECT_EQ(activate().name, "Lamp 8");
}

TEST_P(StoreConformance, AReplacedTokenLogsInUntilTheDeviceConfirmsButNeverRevokesTheNewOne) {
  ManualClock clock;
  Devices devices(*store, clock);
  const auto first = open_session(*store, org, user, clock.now() + 60'000);
  const auto device = ok(devices.activate(first, true)).device;
  const auto second = open_session(*store, org, user, clock.now() + 60'000, device.id);
  auto reconfigured = ok(devices.activate(second, true));
  EXPECT_EQ(reconfigured.kind, ActivationOutcome::Kind::Activated);
  EXPECT_EQ(reconfigured.device.id, device.id);
  EXPECT_FALSE(reconfigured.created);  // its pins and the rest are kept
  // Back with the old token (cut off before saving, or whoever else holds it): it logs in, with a deadline...
  auto old = ok(devices.login(first));
  ASSERT_TRUE(old.device);
  EXPECT_EQ(old.device->id, device.id);
  EXPECT_EQ(old.replaced_token_until, clock.now() + kReplacedTokenGraceMs);
  auto events = ok(store->read([&](Records& r) { return r.events_of_device(device.id, 10); }));
  EXPECT_EQ(events[0].code, "replaced_token_login");
  // ...and the new token still works; a login with it changes nothing.
  auto fresh = ok(devices.login(second));
  ASSERT_TRUE(fresh.device);
  EXPECT_FALSE(fresh.replaced_token_until);
  EXPECT_TRUE(ok(devices.login(first)).device);
  // The confirmation counts only from a connection with the new token.
  EXPECT_FALSE(ok(devices.confirm_token_saved(device.id, first)));
  EXPECT_TRUE(ok(devices.login(first)).device);
  EXPECT_TRUE(ok(devices.confirm_token_saved(device.id, second)));
  EXPECT_FALSE(ok(devices.login(first)).device);
  EXPECT_TRUE(ok(devices.login(second)).device);
  EXPECT_TRUE(ok(devices.confirm_token_saved(device.id, second)));  // again: nothing left to end
}

TEST_P(StoreConformance, AReplacedTokenStopsTenMinutesAfterTheNewTokensFirstLogin) {
  ManualClock clock;
  Devices devices(*store, clock);
  const auto first = open_session(*store, org, user, clock.now() + 60'000);
  const auto device = ok(devices.activate(first, true)).device;
  const auto second = open_session(*store, org, user, clock.now() + 3'600'000, device.id);
  clock.advance(30'000);
  ok(devices.activate(second, true));  // the new token's first login
  clock.advance(kReplacedTokenGraceMs - 1);
  EXPECT_TRUE(ok(devices.login(first)).device);
  clock.advance(1);
  EXPECT_FALSE(ok(devices.login(first)).device);
  EXPECT_FALSE(ok(store->read([&](Records& r) { return r.device_by_id(device.id); }))->previous_token_hash);
  EXPECT_TRUE(ok(devices.login(second)).device);
}

TEST_P(StoreConformance, MetadataNamesPerDeviceAreCapped) {
  ManualClock clock;
  Devices devices(*store, clock);
  const auto device =
      ok(devices.activate(open_session(*store, org, user, clock.now() + 60'000), true)).device;
  EXPECT_TRUE(ok(devices.set_metadata(device.id, "Hotspot Name", "Lamp-1", 2)));
  EXPECT_TRUE(ok(devices.set_metadata(device.id, "Serial", "7", 2)));
  EXPECT_FALSE(ok(devices.set_metadata(device.id, "Third", "x", 2)));
  EXPECT_TRUE(ok(devices.set_metadata(device.id, "Serial", "8", 2)));  // a kept name may change
  const auto meta = ok(store->read([&](Records& r) { return r.metadata_of_device(device.id); }));
  EXPECT_EQ(meta, (std::map<std::string, std::string>{{"Hotspot Name", "Lamp-1"}, {"Serial", "8"}}));
}

TEST_P(StoreConformance, DeletingADeviceFailsItsOpenReconfigure) {
  ManualClock clock;
  Devices devices(*store, clock);
  const auto device =
      ok(devices.activate(open_session(*store, org, user, clock.now() + 60'000), true)).device;
  const auto token = open_session(*store, org, user, clock.now() + 60'000, device.id);
  ok(devices.remove(device));
  auto session = ok(store->read([&](Records& r) { return r.provisioning_by_token(token); }));
  EXPECT_EQ(session->state, ProvisioningState::Failed);
  EXPECT_EQ(session->reason, "device_deleted");
  EXPECT_EQ(ok(devices.activate(token, true)).kind, ActivationOutcome::Kind::Refused);
}

TEST_P(StoreConformance, ProvisioningSessionsPerUserAreLimitedPerMinute) {
  ManualClock clock;
  const User u{user, org, "admin@example.com", "hash", Role::Admin};
  const Template t{kTemplate, org, "Lamp", 1};
  const ProvisioningLimits limits{3600, 3};
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(ok(create_provisioning(*store, clock, u, t, limits)).created);
  auto refused = ok(create_provisioning(*store, clock, u, t, limits));
  EXPECT_FALSE(refused.created);
  EXPECT_GT(refused.retry_after_seconds, 0);
  clock.advance(60'001);
  EXPECT_TRUE(ok(create_provisioning(*store, clock, u, t, limits)).created);
}

}  // namespace onboard::cloud::test

namespace onboard::cloud::test {

TEST_P(StoreConformance, ExpiredSignInsAndDayOldExpiredProvisioningSessionsArePurged) {
  ManualClock clock;
  const auto now = clock.now();
  ASSERT_TRUE(store->write([&](Records& r) { return r.insert_auth_session("old", user, now - 1); }));
  ASSERT_TRUE(store->write([&](Records& r) { return r.insert_auth_session("live", user, now + 1000); }));
  const auto stale = open_session_for_purge(*store, org, user, now - kKeepExpiredProvisioningMs - 1);
  const auto recent = open_session_for_purge(*store, org, user, now - 1000);
  auto purged = purge_expired(*store, now);
  ASSERT_TRUE(purged);
  EXPECT_EQ(purged->auth_sessions, 1);
  EXPECT_EQ(purged->provisioning_sessions, 1);
  EXPECT_FALSE(*store->read([&](Records& r) { return r.provisioning_by_token(stale); }));
  EXPECT_TRUE(*store->read([&](Records& r) { return r.provisioning_by_token(recent); }));  // still tells why
  EXPECT_TRUE(*store->read([&](Records& r) { return r.auth_session_user("live", now); }));
}

}  // namespace onboard::cloud::test
