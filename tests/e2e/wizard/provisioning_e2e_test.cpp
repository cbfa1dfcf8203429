// End-to-end provisioning in the virtual air: the real cloud, real boards running
// onboard-device, and the `onboard` wizard in a phone, each scenario asserting its outcome.
#include <gtest/gtest.h>

#include <set>

#include "scenario_fixture.hpp"

namespace onboard::e2e {
namespace {

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
  EXPECT_EQ(world_->board_log("b1").find("new configuration works and is saved"), std::string::npos);
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

TEST_F(Provisioning, TenBoardsOneAfterAnotherByOnePhone) {
  constexpr int kBoards = 10;
  for (int i = 0; i < kBoards; ++i) world_->add_board("b" + std::to_string(i));
  std::set<std::string> aps;
  ASSERT_TRUE(eventually([&] {
    auto scan = nlohmann::json::parse(world_->air({"scan", "phone", "--json"}).out, nullptr, false);
    aps.clear();
    for (const auto& ap : scan.is_array() ? scan : nlohmann::json::array()) {
      if (ap.value("ssid", "").rfind("Onboard ", 0) == 0) aps.insert(ap.value("ssid", ""));
    }
    return aps.size() == kBoards;
  })) << aps.size()
      << " device APs heard";
  std::set<std::string> ids;
  std::set<std::string> names;
  for (const auto& ap : aps) {
    CommandResult raw;
    auto result = add_device(ap, World::kHomePassword, {}, &raw);
    ASSERT_TRUE(result.value("ok", false)) << ap << ": " << raw.out << raw.err;
    ids.insert(result.value("deviceId", ""));
    names.insert(result.value("name", ""));
  }
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kBoards));
  EXPECT_EQ(names.size(), static_cast<std::size_t>(kBoards));
  for (const auto& id : ids) EXPECT_TRUE(eventually([&] { return listed_online(id); })) << id;
  EXPECT_EQ(world_->rest("GET", "/api/v1/devices").size(), static_cast<std::size_t>(kBoards));
}

}  // namespace
}  // namespace onboard::e2e
