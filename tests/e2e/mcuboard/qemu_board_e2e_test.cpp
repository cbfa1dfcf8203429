// A bare-metal board in the air: the device core as Cortex-M4 firmware on QEMU's
// mps2-an386 (lwIP over its LAN9118, radio over its UART), provisioned by the
// real wizard in a phone into the real cloud over plain TCP; then a power cut
// (QEMU killed) and it comes back online with what it had saved.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "scenario_fixture.hpp"

namespace onboard::e2e {
namespace {

using namespace std::chrono_literals;

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

class QemuBoard : public Provisioning {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(ONBOARD_MPS2_BOARD_FIRMWARE))
      GTEST_SKIP() << "no mps2-an386 firmware at " ONBOARD_MPS2_BOARD_FIRMWARE
                      " (build the cortex-m4 preset first: ./scripts/test does)";
    Provisioning::SetUp();
  }

  std::size_t online_events(const std::string& device_id) {
    std::size_t n = 0;
    for (const auto& event : world_->rest("GET", "/api/v1/devices/" + device_id + "/timeline")) {
      if (event.value("type", "") == "online") ++n;
    }
    return n;
  }

  // The cloud's own log: one "device=ID logged in" line per login it accepted.
  std::size_t logins(const std::string& device_id) {
    std::ifstream in(world_->run_dir() + "/cloud.log");
    const std::string log((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return count_of(log, " device=" + device_id + " logged in");
  }
};

TEST_F(QemuBoard, WizardProvisionsTheBareMetalBoardAndItComesBackAfterAPowerCut) {
  const auto start = std::chrono::steady_clock::now();
  const CommandResult added =
      world_->air({"board", "add", "q1", "--qemu", ONBOARD_MPS2_BOARD_FIRMWARE, "--", "--template-id",
                   world_->template_id(), "--template-name", "Lamp", "--cloud-plain"});
  ASSERT_EQ(added.code, 0) << added.out << added.err;
  const auto ap = world_->wait_for_device_ap();
  ASSERT_TRUE(ap) << "the QEMU board opened no AP:\n" << world_->board_log("q1");

  CommandResult raw;
  const auto result = add_device(*ap, World::kHomePassword, {"--name", "Bare metal"}, &raw);
  ASSERT_TRUE(result.value("ok", false)) << raw.out << raw.err << "\nserial:\n" << world_->board_log("q1");
  const std::string id = result["deviceId"].get<std::string>();
  EXPECT_TRUE(listed_online(id));
  EXPECT_EQ(board_network("q1"), "Home");
  EXPECT_EQ(online_events(id), 1u);
  EXPECT_EQ(logins(id), 1u);
  const auto provisioned = std::chrono::steady_clock::now();
  const std::string first_boot = world_->board_log("q1");
  EXPECT_NE(first_boot.find("onboard-mps2 "), std::string::npos) << first_boot;

  // A power cut: QEMU is killed; the flash file keeps what was written.
  ASSERT_EQ(world_->air({"power", "q1", "off"}).code, 0);
  EXPECT_EQ(world_->board_pid("q1"), 0);
  ASSERT_EQ(world_->air({"power", "q1", "on"}).code, 0);
  const auto powered_on = std::chrono::steady_clock::now();

  // Back online by itself: it boots with the saved network and logs in again with its
  // token (the cloud replaces the dead session, which it may not have noticed yet).
  ASSERT_TRUE(eventually([&] { return logins(id) >= 2; }, 60s))
      << "not back online after the power cut; serial:\n"
      << world_->board_log("q1");
  const auto back = std::chrono::steady_clock::now();
  std::cout << "qemu board: added and provisioned in "
            << std::chrono::duration_cast<std::chrono::milliseconds>(provisioned - start).count()
            << " ms, back online "
            << std::chrono::duration_cast<std::chrono::milliseconds>(back - powered_on).count()
            << " ms after power on\n";
  EXPECT_TRUE(listed_online(id));
  EXPECT_EQ(board_network("q1"), "Home");
  const std::string log = world_->board_log("q1");
  const std::size_t second_boot = log.find("[air] power on", log.find("[air] power off"));
  ASSERT_NE(second_boot, std::string::npos) << log;
  EXPECT_NE(log.find("config: network \"Home\"", second_boot), std::string::npos) << log;
  EXPECT_EQ(count_of(log, "onboard-mps2 "), 2u) << log;
}

// The button reaches the firmware over its serial radio link: held 10 s it erases the
// flash file, the AP reopens, and the next boot finds nothing saved.
TEST_F(QemuBoard, ButtonHeldTenSecondsErasesTheSavedNetwork) {
  const CommandResult added =
      world_->air({"board", "add", "q1", "--qemu", ONBOARD_MPS2_BOARD_FIRMWARE, "--", "--template-id",
                   world_->template_id(), "--template-name", "Lamp", "--cloud-plain"});
  ASSERT_EQ(added.code, 0) << added.out << added.err;
  const auto ap = world_->wait_for_device_ap();
  ASSERT_TRUE(ap) << world_->board_log("q1");
  CommandResult raw;
  const auto result = add_device(*ap, World::kHomePassword, {}, &raw);
  ASSERT_TRUE(result.value("ok", false)) << raw.out << raw.err << "\nserial:\n" << world_->board_log("q1");

  ASSERT_EQ(world_->air({"button", "q1", "hold", "10.5"}).code, 0);
  ASSERT_TRUE(
      eventually([&] { return world_->board_log("q1").find("config: erased") != std::string::npos; }, 30s))
      << world_->board_log("q1");
  EXPECT_TRUE(world_->wait_for_device_ap()) << "no AP after the reset:\n" << world_->board_log("q1");

  ASSERT_EQ(world_->air({"power", "q1", "cycle"}).code, 0);
  ASSERT_TRUE(eventually(
      [&] {
        const std::string log = world_->board_log("q1");
        const std::size_t boot = log.rfind("[air] power on");
        return boot != std::string::npos && log.find("config: none saved", boot) != std::string::npos;
      },
      30s))
      << world_->board_log("q1");
}

}  // namespace
}  // namespace onboard::e2e
