// Scenario 4: a power cut in the middle of saving a configuration. After power
// on the board must boot with the old or the new configuration: never garbage,
// never nothing. The cut lands at spread-out moments around the commit.
#include <iostream>

#include "power_cut_scenario.hpp"
#include "scenario_test.hpp"

namespace onboard::e2e {
namespace {

TEST_F(BoardScenario, PowerCutWhileSavingBootsWithOldOrNewConfig) {
  ASSERT_EQ(world().air({"phone", "add", "phone"}).code, 0);
  // --offline-ap-delay 0: with a saved (unreachable) network the AP reopens at
  // once, so the phone can send the next configuration after each boot.
  ASSERT_EQ(world().add_board("b1", BoardSpec().name("Heater").flags({"--offline-ap-delay", "0"})).code, 0);
  constexpr int kCuts = 10;
  const PowerCutTally tally = run_power_cuts(world(), "b1", kCuts);
  if (HasFatalFailure()) return;
  std::cout << "power cuts: " << tally.kept_old << " kept the old configuration, " << tally.got_new
            << " the new one\n";
  EXPECT_EQ(tally.kept_old + tally.got_new, kCuts);
}

}  // namespace
}  // namespace onboard::e2e
