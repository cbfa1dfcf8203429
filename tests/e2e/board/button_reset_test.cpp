// Scenario 5: holding the button 10 s erases the saved configuration (for good:
// it stays erased after a power cycle) and the LED shows the setup pattern.
#include "scenario_test.hpp"

namespace onboard::e2e {
namespace {
using namespace std::chrono_literals;

TEST_F(BoardScenario, HoldingButtonTenSecondsErasesConfigAndShowsSetupPattern) {
  ASSERT_EQ(world().air({"phone", "add", "phone"}).code, 0);
  ASSERT_EQ(world().add_board("b1", BoardSpec().name("Plug")).code, 0);
  const std::string ap = world().wait_board_ap("b1", 20s);
  ASSERT_FALSE(ap.empty()) << "the board never opened its AP";
  ASSERT_EQ(world().join("phone", ap).code, 0);

  // A saved configuration ("save": committed at once) for a network that is
  // not around, so the board keeps trying it.
  const HttpReply saved = world().http_get(
      "phone",
      "http://192.168.4.1/config?ssid=Elsewhere&pass=password1&blynk=" + std::string(kToken) + "&save=1");
  ASSERT_EQ(saved.status, 200) << saved.error << saved.body;
  const std::size_t before_cycle = world().serial("b1").size();
  ASSERT_EQ(world().air({"power", "b1", "cycle"}).code, 0);
  ASSERT_TRUE(world().wait_serial("b1", "config: network \"Elsewhere\"", before_cycle, 20s))
      << "the saved configuration did not survive a power cycle";

  // Hold for 11 s: the daemon releases it; the LED warns (white) while held.
  const std::size_t before_hold = world().serial("b1").size();
  ASSERT_EQ(world().air({"button", "b1", "hold", "11"}).code, 0);
  const RunResult armed = world().air({"led", "b1", "--wait-pattern", "blink 100/100", "--timeout", "15"});
  EXPECT_EQ(armed.code, 0) << "no 'release now to reset' pattern while held: " << armed.err
                           << world().led("b1").dump();
  if (armed.code == 0) {
    EXPECT_EQ(world().led("b1")["colour"], "#ffffff");
  }

  ASSERT_TRUE(world().wait_serial("b1", "config: erased", before_hold, 20s))
      << "no erase after the 11 s hold";
  const RunResult setup = world().air({"led", "b1", "--wait-state", "WAIT_CONFIG", "--timeout", "10"});
  ASSERT_EQ(setup.code, 0) << setup.err << world().led("b1").dump();
  const nlohmann::json led = world().led("b1");
  EXPECT_EQ(led["pattern"], "blink 50/500") << led.dump();
  EXPECT_EQ(led["colour"], "#0000ff") << led.dump();
  EXPECT_FALSE(world().wait_board_ap("b1", 10s).empty()) << "the AP did not reopen after the reset";

  // Erased for good: the next boot finds nothing.
  const std::size_t before_boot = world().serial("b1").size();
  ASSERT_EQ(world().air({"power", "b1", "cycle"}).code, 0);
  EXPECT_TRUE(world().wait_serial("b1", "config: none saved", before_boot, 20s));
  EXPECT_EQ(world().serial("b1").find("config: network", before_boot), std::string::npos);
}

}  // namespace
}  // namespace onboard::e2e
