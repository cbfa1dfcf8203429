#include "onboard/device/ports/nm/nmcli_command.hpp"

#include <gtest/gtest.h>

namespace onboard::port::nmcli {
namespace {

TEST(NmcliCommand, OpenApProfileAt192_168_4_1) {
  const auto steps = start_ap("wlan0", "Onboard Thermo-1A2B");
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[0], (Argv{"nmcli", "connection", "delete", "onboard-setup-ap"}));
  const Argv& add = steps[1];
  auto value_of = [&](const std::string& key) {
    for (std::size_t i = 0; i + 1 < add.size(); ++i)
      if (add[i] == key) return add[i + 1];
    return std::string("<missing>");
  };
  EXPECT_EQ(value_of("ssid"), "Onboard Thermo-1A2B") << "one argv entry, spaces and all";
  EXPECT_EQ(value_of("ifname"), "wlan0");
  EXPECT_EQ(value_of("802-11-wireless.mode"), "ap");
  EXPECT_EQ(value_of("802-11-wireless.band"), "bg");
  EXPECT_EQ(value_of("ipv4.method"), "shared");
  EXPECT_EQ(value_of("ipv4.addresses"), "192.168.4.1/24");
  for (const std::string& arg : add) EXPECT_EQ(arg.find("wifi-sec"), std::string::npos) << "open network";
  EXPECT_EQ(steps[2], (Argv{"nmcli", "connection", "up", "onboard-setup-ap"}));
  EXPECT_EQ(stop_ap(), (Argv{"nmcli", "connection", "down", "onboard-setup-ap"}));
}

TEST(NmcliCommand, ScanAsksForTerseFieldsWithARescan) {
  EXPECT_EQ(scan("wlan1"), (Argv{"nmcli", "-t", "-f", "SSID,BSSID,CHAN,SIGNAL,SECURITY,FREQ", "device",
                                 "wifi", "list", "--rescan", "yes", "ifname", "wlan1"}));
}

TEST(NmcliCommand, JoinPassesOddSsidsAndPasswordsAsSingleArguments) {
  const auto steps = join("wlan0", "-rf \"$HOME\";", "pa ss'word");
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0], (Argv{"nmcli", "connection", "delete", "onboard-station"}));
  EXPECT_EQ(steps[1], (Argv{"nmcli", "--wait", "45", "device", "wifi", "connect", "-rf \"$HOME\";",
                            "password", "pa ss'word", "ifname", "wlan0", "name", "onboard-station"}));
  const auto open = join("wlan0", "Cafe", "");
  EXPECT_EQ(open[1], (Argv{"nmcli", "--wait", "45", "device", "wifi", "connect", "Cafe", "ifname", "wlan0",
                           "name", "onboard-station"}));
}

TEST(NmcliCommand, StatusAndLeave) {
  EXPECT_EQ(status("wlan0"),
            (Argv{"nmcli", "-t", "-f", "GENERAL.STATE,IP4.ADDRESS,IP4.GATEWAY", "device", "show", "wlan0"}));
  EXPECT_EQ(leave(), (Argv{"nmcli", "connection", "down", "onboard-station"}));
}

}  // namespace
}  // namespace onboard::port::nmcli
