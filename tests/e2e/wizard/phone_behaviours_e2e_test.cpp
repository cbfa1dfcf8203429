// Field pain 8, "works with one phone, not another": the air's phone gets the behaviours
// seen in the field, one scenario each, and the wizard still provisions the board.
#include <string>

#include "scenario_fixture.hpp"

namespace onboard::e2e {
namespace {

class PhoneBehaviour : public Provisioning {
 protected:
  // Sets the phone's behaviour, then provisions a fresh board b1 onto Home with the CLI.
  nlohmann::json provision_with(std::vector<std::string> behaviour, CommandResult* raw) {
    std::vector<std::string> set{"phone", "set", "phone"};
    set.insert(set.end(), behaviour.begin(), behaviour.end());
    EXPECT_EQ(world_->air(set).code, 0);
    world_->add_board("b1");
    auto ap = world_->wait_for_device_ap();
    if (!ap) return {};
    return add_device(*ap, World::kHomePassword, {}, raw);
  }
};

TEST_F(PhoneBehaviour, P8_SlowToRejoinHomeStillEndsActivatedAndOnline) {
  CommandResult raw;
  auto result = provision_with({"--slow-rejoin", "6"}, &raw);
  ASSERT_TRUE(result.value("ok", false)) << raw.out << raw.err;
  EXPECT_TRUE(listed_online(result.value("deviceId", "")));
  EXPECT_EQ(board_network("phone"), "Home");
}

TEST_F(PhoneBehaviour, P8_LeavingTheDevicesApWithoutInternetAfterTwoSecondsIsSurvived) {
  CommandResult raw;
  auto result = provision_with({"--leave-no-internet", "2"}, &raw);
  ASSERT_TRUE(result.value("ok", false)) << raw.out << raw.err;
  EXPECT_TRUE(listed_online(result.value("deviceId", "")));
  EXPECT_EQ(board_network("phone"), "Home");
}

TEST_F(PhoneBehaviour, P8_DnsSentElsewhereOnTheDevicesApDoesNotMatter) {
  CommandResult raw;
  auto result = provision_with({"--dns-elsewhere"}, &raw);
  ASSERT_TRUE(result.value("ok", false)) << raw.out << raw.err;
  EXPECT_TRUE(listed_online(result.value("deviceId", "")));
}

// The behaviours are real: the world drops the phone from an AP without internet by itself
// and sends it home, and the phone's resolver there is the home one.
TEST_F(PhoneBehaviour, P8_TheWorldAppliesTheBehaviours) {
  ASSERT_EQ(world_->air({"phone", "set", "phone", "--leave-no-internet", "8", "--dns-elsewhere"}).code, 0);
  world_->add_board("b1");
  auto ap = world_->wait_for_device_ap();
  ASSERT_TRUE(ap);
  ASSERT_EQ(world_->air({"join", "phone", "--ssid", *ap}).code, 0);
  ASSERT_EQ(board_network("phone"), *ap);
  // On the AP, whose own resolver is 192.168.4.1, the phone asks the home one.
  const std::string resolv = world_->air({"exec", "phone", "--", "cat", "/etc/resolv.conf"}).out;
  EXPECT_NE(resolv.find("nameserver 192.168.1.1"), std::string::npos) << resolv;
  EXPECT_TRUE(eventually([&] { return board_network("phone") == "Home"; }, std::chrono::seconds(20)));
}

}  // namespace
}  // namespace onboard::e2e
