// Scenario 2: the board's /wifi_scan.json lists the home 2.4 GHz networks and
// no 5 GHz one, and network names with quotes, backslashes, control and
// non-ASCII bytes come out as valid JSON with exactly the same bytes.
#include <set>

#include "scenario_test.hpp"

namespace onboard::e2e {
namespace {
using namespace std::chrono_literals;

struct HomeAp {
  std::string ssid;
  std::string band;
  std::string password;
};

TEST_F(BoardScenario, WifiScanListsOnly24GhzNetworksWithOddNamesEscaped) {
  const std::vector<HomeAp> aps = {
      {"Home", "2.4", "secret123"},
      {"Home-5G", "5", "secret123"},
      {"Caf\xC3\xA9 \"Wi\\Fi\"", "2.4", ""},              // Café "Wi\Fi"
      {"\"}],{\"ssid\":\"injected", "2.4", "secret123"},  // the Edgent defect: unescaped quotes
      {"tab\there \xF0\x9F\x93\xB6", "2.4", ""},          // a control byte and a 4-byte character
      {"5G \"only\" \\ \xC3\xA9", "5", ""},               // odd and on 5 GHz: must not appear either
  };
  for (const HomeAp& ap : aps) {
    std::vector<std::string> args = {"ap", "add", "--ssid", ap.ssid, "--band", ap.band};
    if (!ap.password.empty()) args.insert(args.end(), {"--password", ap.password});
    const RunResult added = world().air(args);
    ASSERT_EQ(added.code, 0) << ap.ssid << ": " << added.err;
  }
  ASSERT_EQ(world().air({"phone", "add", "phone"}).code, 0);
  ASSERT_EQ(world().add_board("b1", BoardSpec().name("Scanner")).code, 0);
  const std::string board_ap = world().wait_board_ap("b1", 20s);
  ASSERT_FALSE(board_ap.empty()) << "the board never opened its AP";
  ASSERT_EQ(world().join("phone", board_ap).code, 0);

  std::set<std::string> expected;
  for (const HomeAp& ap : aps) {
    if (ap.band == "2.4") expected.insert(ap.ssid);
  }
  // The first request may come before the board's first scan is done: poll.
  HttpReply reply;
  nlohmann::json list;
  std::set<std::string> listed;
  eventually(
      [&] {
        reply = world().http_get("phone", "http://192.168.4.1/wifi_scan.json");
        if (reply.status != 200) return false;
        list = nlohmann::json::parse(reply.body, nullptr, false);
        listed.clear();
        if (!list.is_array()) return true;  // malformed: stop and report below
        for (const auto& entry : list) listed.insert(entry.value("ssid", std::string("<no ssid>")));
        return listed.size() >= expected.size();
      },
      20s, 300ms);
  ASSERT_EQ(reply.status, 200) << reply.error << reply.body;
  ASSERT_TRUE(list.is_array()) << "not a JSON array: " << reply.body;
  EXPECT_EQ(listed, expected) << reply.body;
  EXPECT_EQ(list.size(), expected.size()) << "a network is listed twice: " << reply.body;
  for (const auto& entry : list) {
    EXPECT_TRUE(entry.contains("bssid") && entry.contains("rssi") && entry.contains("sec") &&
                entry.contains("ch"))
        << entry.dump();
    EXPECT_NE(entry.value("ssid", ""), board_ap) << "the board lists its own AP";
  }
  // Strongest first, as the Edgent app expects.
  for (std::size_t i = 1; i < list.size(); ++i) EXPECT_GE(list[i - 1]["rssi"], list[i]["rssi"]) << reply.body;
}

}  // namespace
}  // namespace onboard::e2e
