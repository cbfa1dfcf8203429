// nmcli command lines and terse-output parsing, and NmWifi driven by a scripted runner.
#include "onboard/wizard/nmcli.hpp"

#include <gtest/gtest.h>

#include <deque>

#include "onboard/wizard/nm_wifi.hpp"

namespace onboard::wizard {
namespace {

TEST(Nmcli, SplitsTerseLinesHonouringEscapes) {
  EXPECT_EQ(nmcli::split_terse(R"(My\:Net:AA\:BB\:CC\:DD\:EE\:FF:6)"),
            (std::vector<std::string>{"My:Net", "AA:BB:CC:DD:EE:FF", "6"}));
  EXPECT_EQ(nmcli::split_terse(R"(back\\slash::x)"), (std::vector<std::string>{R"(back\slash)", "", "x"}));
}

TEST(Nmcli, ParsesAScan) {
  const char* out =
      "Home:02\\:00\\:00\\:00\\:00\\:01:6:2437 MHz:90:WPA2\n"
      "Home5G:02\\:00\\:00\\:00\\:00\\:03:36:5180 MHz:100:WPA1 WPA2\n"
      "Onboard Lamp-ABCD:02\\:00\\:00\\:00\\:00\\:09:1:2412 MHz:60:\n"
      ":02\\:00\\:00\\:00\\:00\\:0A:11:2462 MHz:40:WPA2 WPA3\n";
  auto nets = nmcli::parse_scan(out);
  ASSERT_EQ(nets.size(), 4u);
  EXPECT_EQ(nets[0].ssid, "Home");
  EXPECT_EQ(nets[0].bssid, "02:00:00:00:00:01");
  EXPECT_EQ(nets[0].band, Band::ghz24);
  EXPECT_EQ(nets[0].rssi, -55);
  EXPECT_EQ(nets[1].band, Band::ghz5);
  EXPECT_EQ(nets[1].security, "WPA+WPA2");
  EXPECT_EQ(nets[2].security, "OPEN");
  EXPECT_EQ(nets[3].ssid, "");
  EXPECT_EQ(nets[3].security, "WPA2+WPA3");
}

TEST(Nmcli, NamesSecurityLikeEdgent) {
  EXPECT_EQ(nmcli::security_name("--"), "OPEN");
  EXPECT_EQ(nmcli::security_name("WPA2 802.1X"), "WPA2-EAP");
  EXPECT_EQ(nmcli::security_name("WPA3"), "WPA3");
  EXPECT_EQ(nmcli::security_name("WEP"), "WEP");
  EXPECT_EQ(nmcli::signal_to_dbm(100), -50);
  EXPECT_EQ(nmcli::signal_to_dbm(0), -100);
}

TEST(Nmcli, BuildsCommands) {
  EXPECT_EQ(nmcli::connect_command("Onboard Lamp-ABCD", "", "wlan0", 30),
            (std::vector<std::string>{"nmcli", "--wait", "30", "device", "wifi", "connect",
                                      "Onboard Lamp-ABCD", "ifname", "wlan0"}));
  EXPECT_EQ(nmcli::connect_command("Home", "pw pw pw", "", 10),
            (std::vector<std::string>{"nmcli", "--wait", "10", "device", "wifi", "connect", "Home",
                                      "password", "pw pw pw"}));
  EXPECT_EQ(nmcli::up_command("u-1", 30),
            (std::vector<std::string>{"nmcli", "--wait", "30", "connection", "up", "uuid", "u-1"}));
  EXPECT_EQ(nmcli::scan_command("wlan1").back(), "wlan1");
}

TEST(Nmcli, FindsTheActiveWifiConnection) {
  auto all = nmcli::parse_active(
      "Wired:u-eth:802-3-ethernet:eth0\nHome:u-home:802-11-wireless:wlan0\nlo:u-lo:loopback:lo\n");
  const auto* c = nmcli::active_wifi(all, "");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->uuid, "u-home");
  EXPECT_EQ(nmcli::active_wifi(all, "wlan1"), nullptr);
  EXPECT_EQ(nmcli::parse_active_ssid("no:Cafe\nyes:Home\n"), "Home");
}

TEST(Nmcli, ClassifiesFailures) {
  EXPECT_EQ(to_string(nmcli::classify_failure(10, "Error: No network with SSID 'X' found.", "X").reason),
            "network_not_found");
  EXPECT_EQ(to_string(nmcli::classify_failure(
                          4, "Error: Connection activation failed: Secrets were required, but not provided.",
                          "Home")
                          .reason),
            "wrong_password");
  EXPECT_EQ(to_string(nmcli::classify_failure(3, "Error: Timeout expired", "Home").reason), "join_timeout");
  EXPECT_EQ(to_string(nmcli::classify_failure(1, "Error: something", "Home").reason), "wifi_error");
}

class ScriptedRunner : public CommandRunner {
 public:
  std::deque<CommandOutput> answers;
  std::vector<std::vector<std::string>> calls;
  Result<CommandOutput> run(const std::vector<std::string>& argv, std::chrono::milliseconds) override {
    calls.push_back(argv);
    if (answers.empty()) return CommandOutput{};
    CommandOutput out = answers.front();
    answers.pop_front();
    return out;
  }
};

TEST(NmWifi, JoinsADeviceApAndForgetsItsProfileOnLeave) {
  auto runner = std::make_unique<ScriptedRunner>();
  ScriptedRunner* r = runner.get();
  r->answers = {{0, "", ""}, {0, "Onboard Lamp-ABCD:u-dev:802-11-wireless:wlan0\n", ""}, {0, "", ""}};
  NmWifi wifi("", std::move(runner));
  ASSERT_TRUE(wifi.join("Onboard Lamp-ABCD", "").ok());
  ASSERT_TRUE(wifi.leave().ok());
  ASSERT_EQ(r->calls.size(), 3u);
  EXPECT_EQ(r->calls[2], (std::vector<std::string>{"nmcli", "connection", "delete", "uuid", "u-dev"}));
}

TEST(NmWifi, RejoinsHomeThroughItsSavedProfile) {
  auto runner = std::make_unique<ScriptedRunner>();
  ScriptedRunner* r = runner.get();
  r->answers = {{0, "Home:u-home:802-11-wireless:wlan0\n", ""}, {0, "yes:Home\n", ""}, {0, "", ""}};
  NmWifi wifi("", std::move(runner));
  auto home = wifi.current();
  ASSERT_TRUE(home.ok());
  ASSERT_TRUE(home->has_value());
  EXPECT_EQ((*home)->ssid, "Home");
  ASSERT_TRUE(wifi.rejoin(**home, "").ok());
  EXPECT_EQ(r->calls.back(), nmcli::up_command("u-home", 30));
}

TEST(ProcessRunner, CapturesOutputAndExitCode) {
  ProcessRunner runner;
  auto r = runner.run({"sh", "-c", "echo out; echo err >&2; exit 3"}, std::chrono::seconds(10));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->exit_code, 3);
  EXPECT_EQ(r->out, "out\n");
  EXPECT_EQ(r->err, "err\n");
  EXPECT_FALSE(runner.run({"/nonexistent/nmcli"}, std::chrono::seconds(1)).ok());
}

}  // namespace
}  // namespace onboard::wizard
