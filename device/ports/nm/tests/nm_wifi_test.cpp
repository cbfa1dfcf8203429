#include "onboard/device/ports/nm/nm_wifi.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "onboard/device/ports/testing/wait_for.hpp"

namespace onboard::port {
namespace {

namespace fs = std::filesystem;
using testing::wait_for;

// A script that plays nmcli: it records every call (one argument per line, a
// blank line after each call) and answers like NetworkManager 1.42 does.
constexpr char kFakeNmcli[] = R"(#!/bin/sh
for a in "$@"; do printf '%s\n' "$a" >> "$(dirname "$0")/calls"; done; echo >> "$(dirname "$0")/calls"
case "$*" in
  *"GENERAL.HWADDR"*) echo 'GENERAL.HWADDR:DC\:A6\:32\:01\:02\:03' ;;
  *"wifi list"*) printf '%s\n' 'Home:02\:00\:00\:00\:00\:01:6:80:WPA2:2437 MHz' 'Home 5G:02\:00\:00\:00\:00\:02:36:80:WPA2:5180 MHz' ;;
  *"connect Home password right"*) echo "Device 'wlan0' successfully activated" ;;
  *"connect Home password"*) echo 'Error: Connection activation failed: (7) Secrets were required, but not provided.' >&2; exit 4 ;;
  *"wifi connect"*) echo "Error: No network with SSID 'x' found." >&2; exit 10 ;;
  *"device show"*) printf '%s\n' 'GENERAL.STATE:100 (connected)' 'IP4.ADDRESS[1]:192.168.1.23/24' 'IP4.GATEWAY:192.168.1.1' ;;
  *"connection up onboard-setup-ap"*) [ -f "$(dirname "$0")/ap_fails" ] && { echo 'Error: no AP support' >&2; exit 4; } ;;
esac
exit 0
)";

class NmWifiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("onboard-nm-" + std::to_string(getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    std::ofstream(dir_ / "nmcli") << kFakeNmcli;
    ::chmod((dir_ / "nmcli").c_str(), 0755);
    wifi_ = std::make_unique<NmWifi>("wlan0", (dir_ / "nmcli").string(),
                                     [this](std::string_view line) { log_.emplace_back(line); });
  }
  void TearDown() override {
    wifi_.reset();
    fs::remove_all(dir_);
  }
  template <typename Condition>
  bool pump_until(Condition condition) {
    return wait_for(
        [&] {
          wifi_->pump();
          return condition();
        },
        {wifi_.get()});
  }
  std::string calls() const {
    std::ifstream in(dir_ / "calls");
    return {std::istreambuf_iterator<char>(in), {}};
  }
  static hal::StationConfig station(std::string_view ssid, std::string_view password) {
    hal::StationConfig config;
    std::memcpy(config.ssid, ssid.data(), ssid.size());
    config.ssid_len = static_cast<std::uint8_t>(ssid.size());
    std::memcpy(config.password, password.data(), password.size());
    return config;
  }

  fs::path dir_;
  std::vector<std::string> log_;
  std::unique_ptr<NmWifi> wifi_;
};

TEST_F(NmWifiTest, ReadsTheMacAndScansBothBands) {
  ASSERT_TRUE(pump_until([&] { return wifi_->idle(); }));
  EXPECT_EQ(wifi_->station_mac().bytes[0], 0xDC);
  ASSERT_TRUE(wifi_->start_scan());
  ASSERT_TRUE(pump_until([&] { return wifi_->scan_state() != hal::ScanState::Running; }));
  ASSERT_EQ(wifi_->scan_state(), hal::ScanState::Done);
  hal::ScanResult results[8];
  ASSERT_EQ(wifi_->scan_results(results, 8), 2u);
  EXPECT_EQ(results[1].band, hal::Band::Ghz5);
  EXPECT_NE(calls().find("--rescan\nyes\nifname\nwlan0\n"), std::string::npos) << calls();
}

TEST_F(NmWifiTest, JoinRightPasswordIsJoinedWithTheAddress) {
  ASSERT_TRUE(wifi_->join(station("Home", "right")));
  EXPECT_EQ(wifi_->station_status().state, hal::JoinState::Joining);
  ASSERT_TRUE(pump_until([&] { return wifi_->station_status().state != hal::JoinState::Joining; }));
  EXPECT_EQ(wifi_->station_status().state, hal::JoinState::Joined);
  EXPECT_EQ(wifi_->station_status().ip.value, 0xC0A80117u);
  EXPECT_EQ(wifi_->station_status().gateway.value, 0xC0A80101u);
}

TEST_F(NmWifiTest, JoinWrongPasswordAndUnknownNetworkFailWithTheirReasons) {
  wifi_->join(station("Home", "wrong"));
  ASSERT_TRUE(pump_until([&] { return wifi_->station_status().state == hal::JoinState::Failed; }));
  EXPECT_EQ(wifi_->station_status().failure, hal::LinkFailure::WrongPassword);
  wifi_->join(station("Elsewhere", ""));
  ASSERT_TRUE(pump_until([&] { return wifi_->station_status().state == hal::JoinState::Failed; }));
  EXPECT_EQ(wifi_->station_status().failure, hal::LinkFailure::NetworkNotFound);
  EXPECT_FALSE(log_.empty());
}

TEST_F(NmWifiTest, ApIsAnOpenSharedProfileAndAFailureTurnsItOff) {
  ASSERT_TRUE(wifi_->start_ap("Onboard Thermo-1A2B"));
  EXPECT_TRUE(wifi_->ap_active());
  ASSERT_TRUE(pump_until([&] { return wifi_->idle(); }));
  EXPECT_TRUE(wifi_->ap_active());
  EXPECT_NE(calls().find("ssid\nOnboard Thermo-1A2B\n"), std::string::npos);
  EXPECT_FALSE(wifi_->start_ap(std::string(33, 'x')));

  std::ofstream(dir_ / "ap_fails") << "";
  wifi_->start_ap("Onboard Thermo-1A2B");
  ASSERT_TRUE(pump_until([&] { return !wifi_->ap_active(); }));
  EXPECT_NE(log_.back().find("no AP support"), std::string::npos) << log_.back();
}

TEST_F(NmWifiTest, MissingNmcliFailsInsteadOfHanging) {
  NmWifi wifi("wlan0", "/nonexistent/nmcli", nullptr);
  wifi.start_scan();
  wifi.pump();
  EXPECT_EQ(wifi.scan_state(), hal::ScanState::Failed);
}

}  // namespace
}  // namespace onboard::port
