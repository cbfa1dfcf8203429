// The C API in the air: a program written in C (c_api_provision.c) embeds the wizard in the
// phone and provisions a real board against the real cloud, or cancels half-way.
#include <gtest/gtest.h>

#include "scenario_fixture.hpp"

namespace onboard::e2e {
namespace {

std::vector<std::string> c_program(const World& w, const std::string& mode, const std::string& ap) {
  return {"exec",
          "phone",
          "--",
          std::string(ONBOARD_BIN_DIR) + "/c_api_provision",
          mode,
          w.server_url(),
          World::kAdminEmail,
          World::kAdminPassword,
          w.template_id(),
          ap,
          "Home",
          World::kHomePassword,
          World::kHomePassword};
}

TEST_F(Provisioning, CProgramEmbedsTheWizardAndProvisionsABoard) {
  world_->add_board("b1");
  auto ap = world_->wait_for_device_ap();
  ASSERT_TRUE(ap) << "the board opened no AP";
  CommandResult r = world_->air(c_program(*world_, "provision", *ap), std::chrono::seconds(240));
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  const std::string marker = "device ";
  const auto at = r.out.rfind(marker);
  ASSERT_NE(at, std::string::npos) << r.out;
  const std::string id = r.out.substr(at + marker.size(), r.out.find('\n', at) - at - marker.size());
  EXPECT_TRUE(listed_online(id)) << id;
  const auto device = world_->device(id);
  ASSERT_TRUE(device.is_object()) << id;
  EXPECT_EQ(device.value("name", ""), "Made in C");
  EXPECT_EQ(board_network("phone"), "Home");
}

TEST_F(Provisioning, CProgramCancelsAndThePhoneIsBackHome) {
  world_->add_board("b1");
  auto ap = world_->wait_for_device_ap();
  ASSERT_TRUE(ap);
  CommandResult r = world_->air(c_program(*world_, "cancel", *ap), std::chrono::seconds(240));
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(board_network("phone"), "Home");
  // Nothing was sent: the board still offers setup.
  EXPECT_TRUE(phone_hears(*ap));
}

}  // namespace
}  // namespace onboard::e2e
