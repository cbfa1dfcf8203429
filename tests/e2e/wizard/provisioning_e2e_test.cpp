// End-to-end provisioning in the virtual air: the real cloud, real boards running
// onboard-device, and the `onboard` wizard in a phone, each scenario asserting its outcome.
#include <gtest/gtest.h>

#include <memory>

#include "world_harness.hpp"

namespace onboard::e2e {
namespace {

class Provisioning : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string missing = missing_prerequisite();
    if (!missing.empty()) GTEST_SKIP() << missing;
    world_ = std::make_unique<World>();
  }
  void TearDown() override { world_.reset(); }

  nlohmann::json add_device(const std::string& ap, const std::string& password,
                            std::vector<std::string> more = {}, CommandResult* raw = nullptr) {
    std::vector<std::string> args{"add-device", "--template", world_->template_id(), "--device", ap,
                                  "--ssid",     "Home",       "--password",          password};
    args.insert(args.end(), more.begin(), more.end());
    return world_->wizard(args, raw);
  }

  bool listed_online(const std::string& device_id) {
    auto devices = world_->rest("GET", "/api/v1/devices");
    for (const auto& d : devices) {
      if (d.value("id", nlohmann::json()).dump() == nlohmann::json(device_id).dump() ||
          (d["id"].is_number() && std::to_string(d["id"].get<long long>()) == device_id)) {
        return d.value("online", false);
      }
    }
    return false;
  }

  std::unique_ptr<World> world_;
};

TEST_F(Provisioning, HappyPathActivatesNamesAndListsTheDevice) {
  world_->add_board("b1");
  auto ap = world_->wait_for_device_ap();
  ASSERT_TRUE(ap) << "the board opened no AP";
  CommandResult raw;
  auto result = add_device(*ap, World::kHomePassword, {"--name", "Kitchen"}, &raw);
  ASSERT_TRUE(result.value("ok", false)) << raw.out << raw.err;
  std::string id = result["deviceId"].get<std::string>();
  EXPECT_TRUE(listed_online(id));
  EXPECT_EQ(result.value("name", ""), "Kitchen");
  EXPECT_TRUE(result["timings"].contains("activation"));
}

TEST_F(Provisioning, WrongPasswordIsReportedAndARetrySucceeds) {
  world_->add_board("b1");
  auto ap = world_->wait_for_device_ap();
  ASSERT_TRUE(ap);
  CommandResult raw;
  auto wrong = add_device(*ap, "not-the-password", {}, &raw);
  EXPECT_EQ(raw.code, 1);
  EXPECT_FALSE(wrong.value("ok", true)) << raw.out << raw.err;
  EXPECT_EQ(wrong.value("reason", ""), "wrong_password") << raw.err;
  // Still in setup mode, nothing committed: its AP is still there.
  auto again = world_->wait_for_device_ap();
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *ap);
  auto right = add_device(*ap, World::kHomePassword, {}, &raw);
  EXPECT_TRUE(right.value("ok", false)) << raw.out << raw.err;
}

TEST_F(Provisioning, FiveGigahertzOnlyNetworkIsRefusedBeforeAnythingIsSent) {
  world_->add_board("b1");
  auto ap = world_->wait_for_device_ap();
  ASSERT_TRUE(ap);
  CommandResult raw;
  auto result = world_->wizard({"add-device", "--template", world_->template_id(), "--device", *ap, "--ssid",
                                "Home-5G", "--password", World::kHomePassword},
                               &raw);
  EXPECT_EQ(raw.code, 1);
  EXPECT_EQ(result.value("reason", ""), "band_unsupported") << raw.out << raw.err;
  EXPECT_NE(result.value("message", "").find("the device can only use 2.4 GHz networks"), std::string::npos);
}

TEST_F(Provisioning, TemplateMismatchIsRefusedBeforeAnythingIsSent) {
  auto other = world_->rest("POST", "/api/v1/templates", R"({"name":"Fan"})");
  world_->add_board("b1");
  auto ap = world_->wait_for_device_ap();
  ASSERT_TRUE(ap);
  CommandResult raw;
  auto result = world_->wizard({"add-device", "--template", other.value("id", ""), "--device", *ap, "--ssid",
                                "Home", "--password", World::kHomePassword},
                               &raw);
  EXPECT_EQ(result.value("reason", ""), "template_mismatch") << raw.out << raw.err;
  EXPECT_EQ(result.value("step", ""), "board_info");
}

TEST_F(Provisioning, EdgentOnlyDeviceIsProvisionedThroughTheCloudAlone) {
  world_->add_board("b1", {"--edgent-only"});
  auto ap = world_->wait_for_device_ap();
  ASSERT_TRUE(ap);
  CommandResult raw;
  auto result = add_device(*ap, World::kHomePassword, {}, &raw);
  ASSERT_TRUE(result.value("ok", false)) << raw.out << raw.err;
  EXPECT_NE(raw.err.find("Edgent"), std::string::npos) << raw.err;
  EXPECT_TRUE(listed_online(result["deviceId"].get<std::string>()));
}

TEST_F(Provisioning, ReconfigureToAnotherNetworkKeepsTheDeviceId) {
  world_->add_board("b1");
  auto ap = world_->wait_for_device_ap();
  ASSERT_TRUE(ap);
  CommandResult raw;
  auto first = add_device(*ap, World::kHomePassword, {}, &raw);
  ASSERT_TRUE(first.value("ok", false)) << raw.out << raw.err;
  std::string id = first["deviceId"].get<std::string>();
  // Back to setup mode the way a user does it: hold the button for more than 10 s.
  ASSERT_EQ(world_->air({"button", "b1", "hold", "11"}).code, 0);
  auto again = world_->wait_for_device_ap("Onboard ", std::chrono::seconds(40));
  ASSERT_TRUE(again);
  auto second = world_->wizard(
      {"reconfigure", id, "--device", *again, "--ssid", "Office", "--password", World::kOfficePassword},
      &raw);
  ASSERT_TRUE(second.value("ok", false)) << raw.out << raw.err;
  EXPECT_EQ(second["deviceId"].get<std::string>(), id);
  EXPECT_TRUE(listed_online(id));
}

TEST_F(Provisioning, DeletedDeviceGetsTokenInvalidAndOffersSetupAgain) {
  world_->add_board("b1");
  auto ap = world_->wait_for_device_ap();
  ASSERT_TRUE(ap);
  CommandResult raw;
  auto result = add_device(*ap, World::kHomePassword, {}, &raw);
  ASSERT_TRUE(result.value("ok", false)) << raw.out << raw.err;
  world_->rest("DELETE", "/api/v1/devices/" + result["deviceId"].get<std::string>());
  auto again = world_->wait_for_device_ap("Onboard ", std::chrono::seconds(40));
  EXPECT_TRUE(again) << "the board did not offer setup again after its token was revoked";
}

}  // namespace
}  // namespace onboard::e2e
