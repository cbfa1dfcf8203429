// The QEMU board's flash under power cuts: its flash is a host file written through
// semihosting, and QEMU is killed at spread-out moments around the commit of a new
// configuration. After power on it must boot with the old or the new one, as the
// Linux board does in tests/e2e/board/power_cut_test.cpp (the same scenario).
#include <filesystem>
#include <iostream>

#include "power_cut_scenario.hpp"
#include "scenario_test.hpp"

namespace onboard::e2e {
namespace {

TEST_F(BoardScenario, QemuBoardPowerCutWhileSavingBootsWithOldOrNewConfig) {
  if (!std::filesystem::exists(ONBOARD_MPS2_BOARD_FIRMWARE))
    GTEST_SKIP() << "no mps2-an386 firmware at " ONBOARD_MPS2_BOARD_FIRMWARE
                    " (build the cortex-m4 preset first)";
  ASSERT_EQ(world().air({"phone", "add", "phone"}).code, 0);
  // --offline-ap-delay 0: with a saved (unreachable) network the AP reopens at once.
  ASSERT_EQ(world()
                .air({"board", "add", "q1", "--qemu", ONBOARD_MPS2_BOARD_FIRMWARE, "--", "--template-id",
                      "TMPLscenario1", "--template-name", "Heater", "--offline-ap-delay", "0"})
                .code,
            0);
  constexpr int kCuts = 6;
  const PowerCutTally tally = run_power_cuts(world(), "q1", kCuts);
  if (HasFatalFailure()) return;
  std::cout << "qemu board power cuts: " << tally.kept_old << " kept the old configuration, " << tally.got_new
            << " the new one\n";
  EXPECT_EQ(tally.kept_old + tally.got_new, kCuts);
}

}  // namespace
}  // namespace onboard::e2e
