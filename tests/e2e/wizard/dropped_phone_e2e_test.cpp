// A phone that falls off the network a step needs (Android leaving an AP without internet, a
// board restarting under it, a phone on no network when the wizard starts): the wizard gets
// it back on that network within its deadline and goes on to activated and online.
#include "scenario_fixture.hpp"

namespace onboard::e2e {
namespace {

class DroppedPhone : public Provisioning {
 protected:
  // A host's entry in the world's status ({} when missing).
  nlohmann::json host_status(const std::string& name) {
    auto status = nlohmann::json::parse(world_->air({"status", "--json"}).out, nullptr, false);
    if (status.is_discarded()) return nlohmann::json::object();
    for (const auto& host : status.value("hosts", nlohmann::json::array()))
      if (host.value("name", "") == name) return host;
    return nlohmann::json::object();
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
  EXPECT_EQ(host_status("phone").value("ap_kicks", -1), 3) << raw.err;
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
  // The board's power is cut and restored right after the phone joins its AP: it boots again
  // with its AP a moment later, under a wizard that has just arrived.
  ASSERT_EQ(world_->air({"power", "b1", "cycle-on-join"}).code, 0);
  CommandResult raw;
  auto result = add_device(*ap, World::kHomePassword, {}, &raw);
  EXPECT_EQ(host_status("b1").value("join_cycles", -1), 1) << raw.err;
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
