// A phone that falls off the network a step needs (Android leaving an AP without internet, a
// board restarting under it, a phone on no network when the wizard starts): the wizard gets
// it back on that network within its deadline and goes on to activated and online.
#include <atomic>
#include <thread>

#include "scenario_fixture.hpp"

namespace onboard::e2e {
namespace {

class DroppedPhone : public Provisioning {
 protected:
  // The phone's entry in the world's status ({} when missing).
  nlohmann::json phone_status() {
    auto status = nlohmann::json::parse(world_->air({"status", "--json"}).out, nullptr, false);
    if (status.is_discarded()) return nlohmann::json::object();
    for (const auto& host : status.value("hosts", nlohmann::json::array()))
      if (host.value("name", "") == "phone") return host;
    return nlohmann::json::object();
  }

  // Runs the wizard for `ap` in a thread, calling `meddle` each time the phone is on the
  // device's AP (up to `times`), and returns the wizard's result once it ended.
  nlohmann::json provision_while(const std::string& ap, int times, const std::function<void()>& meddle,
                                 CommandResult* raw, int* meddled) {
    nlohmann::json result;
    std::atomic<bool> done{false};
    std::thread wizard([&] {
      result = add_device(ap, World::kHomePassword, {}, raw);
      done = true;
    });
    *meddled = 0;
    while (*meddled < times &&
           eventually([&] { return done || board_network("phone") == ap; }, std::chrono::seconds(120)) &&
           !done) {
      meddle();
      ++*meddled;
      // Off the AP now; the next round waits until the wizard brought it back.
      eventually([&] { return done || board_network("phone") != ap; }, std::chrono::seconds(30));
    }
    wizard.join();
    return result;
  }
};

TEST_F(DroppedPhone, DroppedFromTheDevicesApThreeTimesRejoinsItAndGoesOn) {
  world_->add_board("b1");
  auto ap = world_->wait_for_device_ap();
  ASSERT_TRUE(ap);
  // The world drops the phone right after each of its next three joins of a board's AP: at a
  // known point, however fast the wizard is (a poll from here could miss a quick wizard).
  ASSERT_EQ(world_->air({"phone", "set", "phone", "--kicked-from-ap", "3"}).code, 0);
  CommandResult raw;
  auto result = add_device(*ap, World::kHomePassword, {}, &raw);
  ASSERT_TRUE(result.value("ok", false)) << raw.out << raw.err;
  EXPECT_EQ(phone_status().value("ap_kicks", -1), 3) << raw.err;
  // The progress says the phone was taken back to the AP (or, in the step that follows the
  // device, that it rejoined the AP or sent the lost configuration).
  const bool brought_back = raw.err.find("left the device's access point") != std::string::npos ||
                            raw.err.find("rejoined it") != std::string::npos ||
                            raw.err.find("sending it again") != std::string::npos;
  EXPECT_TRUE(brought_back) << raw.err;
  EXPECT_TRUE(listed_online(result.value("deviceId", "")));
  EXPECT_EQ(board_network("phone"), "Home");
}

TEST_F(DroppedPhone, BoardRestartingUnderThePhoneIsWaitedForAndProvisioned) {
  world_->add_board("b1");
  auto ap = world_->wait_for_device_ap();
  ASSERT_TRUE(ap);
  CommandResult raw;
  int cuts = 0;
  // Power off and on at once: the board boots again with its AP a moment later.
  auto result = provision_while(
      *ap, 1,
      [&] {
        world_->air({"power", "b1", "off"});
        world_->air({"power", "b1", "on"});
      },
      &raw, &cuts);
  // The cut waits until the phone is seen on the board's AP; on a loaded machine the wizard
  // can be done before one poll sees it, and then nothing was tested.
  if (cuts == 0 && result.value("ok", false))
    GTEST_SKIP() << "the wizard provisioned the board before the phone was seen on its AP: no cut";
  ASSERT_EQ(cuts, 1);
  // Cut before it saved the network, it offers setup again and the wizard goes on with it; cut
  // after, it says so (device_restarted) and offers setup again.
  if (!result.value("ok", false)) {
    EXPECT_EQ(result.value("reason", ""), "device_restarted") << raw.out << raw.err;
    EXPECT_TRUE(world_->wait_for_device_ap());
    return;
  }
  EXPECT_TRUE(listed_online(result.value("deviceId", "")));
}

TEST_F(DroppedPhone, PhoneOnNoNetworkAtTheStartJoinsTheGivenNetworkAndProvisions) {
  world_->add_board("b1");
  auto ap = world_->wait_for_device_ap();
  ASSERT_TRUE(ap);
  ASSERT_EQ(world_->air({"leave", "phone"}).code, 0);
  ASSERT_EQ(board_network("phone"), "");
  CommandResult raw;
  auto result = add_device(*ap, World::kHomePassword, {}, &raw);
  ASSERT_TRUE(result.value("ok", false)) << raw.out << raw.err;
  EXPECT_NE(raw.err.find("the phone is not on 'Home' any more"), std::string::npos) << raw.err;
  EXPECT_TRUE(listed_online(result.value("deviceId", "")));
  EXPECT_EQ(board_network("phone"), "Home");
}

}  // namespace
}  // namespace onboard::e2e
