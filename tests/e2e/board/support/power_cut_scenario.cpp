#include "power_cut_scenario.hpp"

#include <chrono>
#include <random>
#include <thread>

#include "scenario_test.hpp"

namespace onboard::e2e {

namespace {

using namespace std::chrono_literals;

// What the first boot after byte `from` of the serial log says about its saved
// configuration: the text after "config: " on that line (e.g. `network "Net-1", cloud ...`).
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

// The body of run_power_cuts: void, so that gtest's ASSERT_* can return from it.
void cut_repeatedly(World& world, const std::string& board, int cuts, PowerCutTally& tally) {
  const std::string ap = world.wait_board_ap(board, 20s);
  ASSERT_FALSE(ap.empty()) << "the board never opened its AP";
  ASSERT_EQ(world.join("phone", ap).code, 0);
  const HttpReply first = world.http_get("phone", config_url("Net-0"));
  ASSERT_EQ(first.status, 200) << first.error << first.body;

  std::mt19937 random(std::random_device{}());
  std::string current = "Net-0";
  for (int i = 1; i <= cuts; ++i) {
    const std::string next = "Net-" + std::to_string(i);
    ASSERT_FALSE(world.wait_board_ap(board, 20s).empty()) << "cut " << i << ": no AP after boot";
    const RunResult joined = world.join("phone", ap);
    ASSERT_EQ(joined.code, 0) << "cut " << i << ": " << joined.err;

    const std::size_t from = world.serial(board).size();
    {
      Background request(
          world.air_argv({"exec", "phone", "--", "curl", "-s", "--max-time", "5", config_url(next)}));
      if (i % 2 == 1) {
        // Odd cuts: a random moment after the request leaves (before, during or after the commit).
        std::this_thread::sleep_for(
            std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 80)(random)));
      } else {
        // Even cuts: right as the board handles it (it logs the request, then saves).
        world.wait_serial(board, "GET /config", from, 10s);
        std::this_thread::sleep_for(
            std::chrono::microseconds(std::uniform_int_distribution<int>(0, 3000)(random)));
      }
      ASSERT_EQ(world.air({"power", board, "off"}).code, 0);
    }
    ASSERT_EQ(world.air({"power", board, "on"}).code, 0);

    const std::string booted = boot_config(world, board, from);
    const std::string old_line = "network \"" + current + "\"";
    const std::string new_line = "network \"" + next + "\"";
    if (booted.rfind(new_line, 0) == 0) {
      ++tally.got_new;
      current = next;
    } else if (booted.rfind(old_line, 0) == 0) {
      ++tally.kept_old;
    } else {
      ADD_FAILURE() << "cut " << i << ": booted with \"" << booted << "\", expected " << old_line << " or "
                    << new_line;
      break;
    }
  }
}

}  // namespace

PowerCutTally run_power_cuts(World& world, const std::string& board, int cuts) {
  PowerCutTally tally;
  cut_repeatedly(world, board, cuts, tally);
  return tally;
}

}  // namespace onboard::e2e
