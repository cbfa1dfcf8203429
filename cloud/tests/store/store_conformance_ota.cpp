// The conformance suite's firmware-update records: images, shipments, targets.
#include "store_conformance.hpp"

namespace onboard::cloud::test {

namespace {
constexpr const char* kTemplate = "TMPLlamp0001";

template <typename T>
T ok(StoreResult<T> result) {
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
  if (!result.ok()) throw std::runtime_error("store call failed: " + result.error().message);
  return std::move(result).value();
}

FirmwareImage image(Id org, const std::string& version, const std::string& sha) {
  FirmwareImage f;
  f.template_id = kTemplate;
  f.org_id = org;
  f.version = version;
  f.build = "7";
  f.size = 123456;
  f.sha256 = sha;
  f.md5 = "0123456789abcdef0123456789abcdef";
  f.file = sha + ".img";
  f.created_at = 1000;
  return f;
}

Id add_device(Store& store, Id org, Id user, const std::string& name) {
  Device d;
  d.org_id = org;
  d.owner_id = user;
  d.template_id = kTemplate;
  d.name = name;
  d.token_hash = "token-" + name;
  d.activated_at = 5;
  return ok(store.write([&](Records& r) { return r.insert_device(d); }));
}
}  // namespace

TEST_P(StoreConformance, FirmwareImagesAreListedNewestFirstAndAnImageIsStoredOnce) {
  const Id first = ok(store->write([&](Records& r) { return r.insert_firmware(image(org, "1.0.0", "aa")); }));
  const Id second =
      ok(store->write([&](Records& r) { return r.insert_firmware(image(org, "1.1.0", "bb")); }));
  auto again = store->write([&](Records& r) { return r.insert_firmware(image(org, "1.1.0", "bb")); });
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, StoreErrorKind::Conflict);

  auto listed = ok(store->read([&](Records& r) { return r.firmware_of_template(kTemplate); }));
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, second);
  EXPECT_EQ(listed[1].id, first);
  auto one = ok(store->read([&](Records& r) { return r.firmware_by_id(first); }));
  ASSERT_TRUE(one);
  EXPECT_EQ(one->version, "1.0.0");
  EXPECT_EQ(one->build, "7");
  EXPECT_EQ(one->size, 123456);
  EXPECT_EQ(one->md5, "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(one->file, "aa.img");
  EXPECT_EQ(one->org_id, org);
  EXPECT_FALSE(ok(store->read([&](Records& r) { return r.firmware_by_id(first + 100); })));
}

TEST_P(StoreConformance, ShipmentTargetsKeepTheirProgressAndAreFoundByEitherToken) {
  const Id fw = ok(store->write([&](Records& r) { return r.insert_firmware(image(org, "2.0.0", "cc")); }));
  Shipment sh;
  sh.org_id = org;
  sh.firmware_id = fw;
  sh.condition = ShipmentCondition::Any;
  sh.attempts_per_day = 5;
  sh.created_by = user;
  sh.created_at = 2000;
  const Id sid = ok(store->write([&](Records& r) { return r.insert_shipment(sh); }));
  const Id a = add_device(*store, org, user, "a");
  const Id b = add_device(*store, org, user, "b");
  for (Id d : {b, a}) {
    OtaTarget t;
    t.shipment_id = sid;
    t.device_id = d;
    t.updated_at = 2000;
    ok(store->write([&](Records& r) { return r.insert_ota_target(t); }));
  }
  OtaTarget dup;
  dup.shipment_id = sid;
  dup.device_id = a;
  EXPECT_TRUE(
      store->write([&](Records& r) { return r.insert_ota_target(dup); }).is(StoreErrorKind::Conflict));

  auto got = ok(store->read([&](Records& r) { return r.shipment_by_id(sid); }));
  ASSERT_TRUE(got);
  EXPECT_EQ(got->condition, ShipmentCondition::Any);
  EXPECT_EQ(got->attempts_per_day, 5);
  EXPECT_EQ(got->state, "running");
  ok(store->write([&](Records& r) { return r.update_shipment_state(sid, "done"); }));
  EXPECT_EQ(ok(store->read([&](Records& r) { return r.shipment_by_id(sid); }))->state, "done");

  auto targets = ok(store->read([&](Records& r) { return r.ota_targets_of_shipment(sid); }));
  ASSERT_EQ(targets.size(), 2u);
  EXPECT_EQ(targets[0].device_id, a);
  EXPECT_EQ(targets[0].status, OtaStatus::Pending);

  OtaTarget t = targets[0];
  t.status = OtaStatus::Downloading;
  t.progress = 4096;
  t.served = 8192;
  t.attempts = 2;
  t.window_start = 3000;
  t.token_hash = "new-hash";
  t.previous_token_hash = "old-hash";
  t.from_version = "1.0.0";
  t.updated_at = 4000;
  ok(store->write([&](Records& r) { return r.update_ota_target(t); }));
  for (const char* hash : {"new-hash", "old-hash"}) {
    auto found = ok(store->read([&](Records& r) { return r.ota_target_by_token(hash); }));
    ASSERT_TRUE(found) << hash;
    EXPECT_EQ(found->device_id, a);
    EXPECT_EQ(found->status, OtaStatus::Downloading);
    EXPECT_EQ(found->progress, 4096);
    EXPECT_EQ(found->served, 8192);
    EXPECT_EQ(found->attempts, 2);
    EXPECT_EQ(found->window_start, 3000);
    EXPECT_EQ(found->from_version, "1.0.0");
  }
  EXPECT_FALSE(ok(store->read([&](Records& r) { return r.ota_target_by_token("other"); })));
  EXPECT_FALSE(ok(store->read([&](Records& r) { return r.ota_target_by_token(""); })));

  // Only targets without an outcome are open; a deleted device leaves the shipment.
  EXPECT_EQ(ok(store->read([&](Records& r) { return r.open_ota_targets_of_device(a); })).size(), 1u);
  t.status = OtaStatus::Success;
  ok(store->write([&](Records& r) { return r.update_ota_target(t); }));
  EXPECT_TRUE(ok(store->read([&](Records& r) { return r.open_ota_targets_of_device(a); })).empty());
  ok(store->write([&](Records& r) { return r.delete_device(b); }));
  EXPECT_EQ(ok(store->read([&](Records& r) { return r.ota_targets_of_shipment(sid); })).size(), 1u);
}

}  // namespace onboard::cloud::test
