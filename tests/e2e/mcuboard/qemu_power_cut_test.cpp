// The QEMU board's flash under power cuts: its flash is a host file written through
// semihosting, and QEMU is killed at spread-out moments around the commit of a new
// configuration. After power on it must boot with the old or the new one, as the
// Linux board does in tests/e2e/board/power_cut_test.cpp.
#include <filesystem>
#include <iostream>
#include <random>
#include <thread>

#include "scenario_test.hpp"

namespace onboard::e2e {
namespace {
using namespace std::chrono_literals;

std::string boot_config(World& world, const std::string& board, std::size_t from) {
  std::string line;
  eventually(
      [&] {
        const std::string log = world.serial(board);
        const std::size_t boot = log.find("[air] power on", from);
        if (boot == std::string::npos) return false;
        const std::size_t at = log.find("config: ", boot);
        const std::size_t end = at == std::string::npos ? at : log.find('\n', at);
        if (end == std::string::npos) return false;
        line = log.substr(at + 8, end - at - 8);
        return true;
      },
      20s, 20ms);
  return line;
}

std::string config_url(const std::string& ssid) {
  return "http://192.168.4.1/config?ssid=" + ssid + "&pass=password1&blynk=" + kToken + "&save=1";
}

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
  const std::string ap = world().wait_board_ap("q1", 20s);
  ASSERT_FALSE(ap.empty()) << "the board never opened its AP";
  ASSERT_EQ(world().join("phone", ap).code, 0);
  const HttpReply first = world().http_get("phone", config_url("Net-0"));
  ASSERT_EQ(first.status, 200) << first.error << first.body;

  std::mt19937 random(std::random_device{}());
  std::string current = "Net-0";
  int kept_old = 0, got_new = 0;
  constexpr int kCuts = 6;
  for (int i = 1; i <= kCuts; ++i) {
    const std::string next = "Net-" + std::to_string(i);
    ASSERT_FALSE(world().wait_board_ap("q1", 20s).empty()) << "cut " << i << ": no AP after boot";
    const RunResult joined = world().join("phone", ap);
    ASSERT_EQ(joined.code, 0) << "cut " << i << ": " << joined.err;

    const std::size_t from = world().serial("q1").size();
    {
      Background request(
          world().air_argv({"exec", "phone", "--", "curl", "-s", "--max-time", "5", config_url(next)}));
      if (i % 2 == 1) {
        std::this_thread::sleep_for(
            std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 80)(random)));
      } else {
        world().wait_serial("q1", "GET /config", from, 10s);
        std::this_thread::sleep_for(
            std::chrono::microseconds(std::uniform_int_distribution<int>(0, 3000)(random)));
      }
      ASSERT_EQ(world().air({"power", "q1", "off"}).code, 0);
    }
    ASSERT_EQ(world().air({"power", "q1", "on"}).code, 0);

    const std::string booted = boot_config(world(), "q1", from);
    const std::string old_line = "network \"" + current + "\"";
    const std::string new_line = "network \"" + next + "\"";
    if (booted.rfind(new_line, 0) == 0) {
      ++got_new;
      current = next;
    } else if (booted.rfind(old_line, 0) == 0) {
      ++kept_old;
    } else {
      ADD_FAILURE() << "cut " << i << ": booted with \"" << booted << "\", expected " << old_line << " or "
                    << new_line;
      break;
    }
  }
  std::cout << "qemu board power cuts: " << kept_old << " kept the old configuration, " << got_new
            << " the new one\n";
  EXPECT_EQ(kept_old + got_new, kCuts);
}

}  // namespace
}  // namespace onboard::e2e
