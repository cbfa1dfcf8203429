// A phone that falls off the network a step needs, at any step: the session gets it back on
// that network (home for the cloud, the device's AP for the device) and repeats the call,
// within SessionOptions::rejoin_timeout.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>

#include "onboard/wizard/provisioning_session.hpp"
#include "support/fake_world.hpp"

namespace onboard::wizard::testing {
namespace {

constexpr const char* kDeviceAp = "Onboard Lamp-ABCD";

// The fake radio, with what the servers can reach following where the phone is.
class DroppingWifi : public FakeWifi {
 public:
  std::atomic<bool> on_device{false};
  std::atomic<bool> on_home{true};
  int refuse_device_joins = 0;
  int away_after_drop = 0;  // after a drop, the device's AP is away for this many joins

  void drop() {
    refuse_device_joins = away_after_drop;
    current_ssid.clear();
    on_device = false;
    on_home = false;
  }
  Status join(const std::string& ssid, const std::string& password) override {
    if (ssid == kDeviceAp && refuse_device_joins > 0) {
      --refuse_device_joins;
      return fail(Reason::network_not_found, "no " + ssid);
    }
    Status s = FakeWifi::join(ssid, password);
    where();
    return s;
  }
  Status leave() override {
    Status s = FakeWifi::leave();
    where();
    return s;
  }
  Status rejoin(const HomeLink& home, const std::string& password) override {
    Status s = FakeWifi::rejoin(home, password);
    where();
    return s;
  }

 private:
  void where() {
    on_device = current_ssid == kDeviceAp;
    on_home = current_ssid == "Home";
  }
};

struct DropRun {
  Outcome outcome;
  std::vector<std::string> notes;  // catalog keys
};

// Provisions with the phone dropped from its network as `at` starts.
DropRun run_dropped_at(Step at, DroppingWifi& wifi,
                       std::chrono::milliseconds rejoin_timeout = std::chrono::seconds(5)) {
  DeviceScript script;
  script.device_reachable = &wifi.on_device;
  script.cloud_reachable = &wifi.on_home;
  FakeWorld world(script);
  CloudClient cloud = world.cloud_client();
  ScriptedChoices choices;
  SessionOptions opt = world.options();
  opt.template_id = kTemplateId;
  opt.device_ssid = kDeviceAp;
  opt.network = NetworkChoice{"Home", false};
  opt.password = "correct-horse";
  opt.name = "Kitchen";
  opt.rejoin_timeout = rejoin_timeout;
  DropRun run;
  bool dropped = false;
  ProvisioningSession session(cloud, wifi, choices, opt, [&](const Event& e) {
    if (e.kind == Event::Kind::started && e.step == at && !dropped) {
      dropped = true;
      wifi.drop();
    }
    if (e.kind == Event::Kind::note) run.notes.push_back(e.key);
  });
  run.outcome = session.run();
  return run;
}

bool noted(const DropRun& run, const std::string& key) {
  return std::find(run.notes.begin(), run.notes.end(), key) != run.notes.end();
}

class DroppedFromTheDevicesAp : public ::testing::TestWithParam<Step> {};

TEST_P(DroppedFromTheDevicesAp, RejoinsItAndGoesOn) {
  DroppingWifi wifi;
  DropRun run = run_dropped_at(GetParam(), wifi);
  ASSERT_TRUE(run.outcome.ok) << run.outcome.failure.message;
  // Dropped while sending the configuration, the device may have it or not: the wizard follows
  // it, finds it without one, and sends it again.
  EXPECT_TRUE(noted(run, GetParam() == Step::send_config ? "note.config_again" : "note.phone_left_ap"));
  EXPECT_EQ(std::count(wifi.joins.begin(), wifi.joins.end(), kDeviceAp), 2);
  EXPECT_EQ(wifi.current_ssid, "Home");
}

INSTANTIATE_TEST_SUITE_P(Steps, DroppedFromTheDevicesAp,
                         ::testing::Values(Step::board_info, Step::device_scan, Step::send_config));

class DroppedFromHome : public ::testing::TestWithParam<Step> {};

TEST_P(DroppedFromHome, RejoinsItAndGoesOn) {
  DroppingWifi wifi;
  DropRun run = run_dropped_at(GetParam(), wifi);
  ASSERT_TRUE(run.outcome.ok) << run.outcome.failure.message;
  EXPECT_TRUE(noted(run, "note.phone_off_home"));
  EXPECT_EQ(wifi.current_ssid, "Home");
}

// sign_in: on no network when the session starts, so home is the network given to the device.
INSTANTIATE_TEST_SUITE_P(Steps, DroppedFromHome,
                         ::testing::Values(Step::sign_in, Step::get_token, Step::name_device));

TEST(DroppedPhone, DevicesApAwayForAWhileIsWaitedFor) {
  DroppingWifi wifi;
  wifi.away_after_drop = 3;  // the board is restarting
  DropRun run = run_dropped_at(Step::device_scan, wifi);
  ASSERT_TRUE(run.outcome.ok) << run.outcome.failure.message;
  EXPECT_EQ(wifi.refuse_device_joins, 0);
}

TEST(DroppedPhone, DevicesApThatStaysAwayEndsTheStepAtTheDeadline) {
  DroppingWifi wifi;
  wifi.away_after_drop = 1 << 30;
  DropRun run = run_dropped_at(Step::device_scan, wifi, std::chrono::milliseconds(200));
  EXPECT_FALSE(run.outcome.ok);
  EXPECT_EQ(run.outcome.step, Step::device_scan);
  // The device's server drops the connection while the phone is off its AP.
  EXPECT_EQ(run.outcome.failure.reason, Reason::connection_closed) << run.outcome.failure.message;
  EXPECT_EQ(wifi.current_ssid, "Home");
}

// The device's try met its network away (a router restarting): once the phone hears the
// network again the configuration goes once more, and only once.
TEST(PassingFailure, IsTriedOnceMoreAndOnlyOnce) {
  for (int failures : {1, 2}) {
    DeviceScript script;
    script.passing_failures = failures;
    FakeWorld world(script);
    CloudClient cloud = world.cloud_client();
    FakeWifi wifi;
    ScriptedChoices choices;
    SessionOptions opt = world.options();
    opt.template_id = kTemplateId;
    opt.device_ssid = kDeviceAp;
    opt.network = NetworkChoice{"Home", false};
    opt.password = "correct-horse";
    ProvisioningSession session(cloud, wifi, choices, opt);
    Outcome outcome = session.run();
    EXPECT_EQ(world.configs().size(), 2U);
    if (failures == 1) {
      EXPECT_TRUE(outcome.ok) << outcome.failure.message;
    } else {
      EXPECT_FALSE(outcome.ok);
      EXPECT_EQ(outcome.failure.reason, Reason::network_not_found);
    }
  }
}

}  // namespace
}  // namespace onboard::wizard::testing
