#include <gtest/gtest.h>

#include <cstring>

#include "air_test_fixture.hpp"

namespace onboard::port::testing {
namespace {

hal::StationConfig station(std::string_view ssid, std::string_view password) {
  hal::StationConfig config;
  std::memcpy(config.ssid, ssid.data(), ssid.size());
  config.ssid_len = static_cast<std::uint8_t>(ssid.size());
  std::memcpy(config.password, password.data(), password.size());
  return config;
}

TEST_F(AirPortTest, StartApSendsTheSsidAndAnErrorReplyTurnsItOff) {
  greet();
  ASSERT_TRUE(wifi_.start_ap("Onboard Thermo-1A2B"));
  EXPECT_TRUE(wifi_.ap_active());
  EXPECT_EQ(daemon_.read_line(), "ap_start ssid=Onboard%20Thermo-1A2B");
  daemon_.send("error reason=exists detail=taken\n");
  ASSERT_TRUE(pump_until([&] { return !wifi_.ap_active(); }));
  EXPECT_NE(log_.back().find("refused the AP"), std::string::npos);
  wifi_.stop_ap();
  EXPECT_EQ(daemon_.read_line(), "ap_stop");
}

TEST_F(AirPortTest, SsidOver32BytesIsRefusedWithoutAsking) {
  greet();
  EXPECT_FALSE(wifi_.start_ap(std::string(33, 'x')));
  EXPECT_FALSE(wifi_.ap_active());
  EXPECT_TRUE(wifi_.start_ap(std::string(32, 'x')));
}

TEST_F(AirPortTest, ScanCollectsEntriesWithOddSsidsUntilOk) {
  greet();
  ASSERT_TRUE(wifi_.start_scan());
  EXPECT_EQ(wifi_.scan_state(), hal::ScanState::Running);
  EXPECT_EQ(daemon_.read_line(), "scan");
  daemon_.send(
      "ap ssid=Home%20%22Net%22%5C bssid=02:00:00:00:00:01 rssi=-40 sec=wpa2 ch=6 band=2.4\n"
      "ap ssid=Caf%C3%A9 bssid=02:00:00:00:00:02 rssi=-70 sec=open ch=11 band=2.4\n"
      "ok count=2\n");
  ASSERT_TRUE(pump_until([&] { return wifi_.scan_state() == hal::ScanState::Done; }));
  hal::ScanResult results[4];
  ASSERT_EQ(wifi_.scan_results(results, 4), 2u);
  EXPECT_EQ(std::string_view(reinterpret_cast<char*>(results[0].ssid), results[0].ssid_len),
            "Home \"Net\"\\");
  EXPECT_EQ(results[0].security, hal::Security::Wpa2);
  EXPECT_EQ(results[0].channel, 6);
  EXPECT_EQ(results[0].rssi, -40);
  EXPECT_EQ(results[0].bssid.bytes[5], 1);
  EXPECT_EQ(std::string_view(reinterpret_cast<char*>(results[1].ssid), results[1].ssid_len), "Caf\xC3\xA9");
  EXPECT_EQ(results[1].security, hal::Security::Open);
  EXPECT_EQ(wifi_.scan_results(results, 1), 1u) << "capacity is respected";
}

TEST_F(AirPortTest, JoinWithTheWrongPasswordFailsWithThatReason) {
  greet();
  ASSERT_TRUE(wifi_.join(station("Home", "secret12")));
  EXPECT_EQ(wifi_.station_status().state, hal::JoinState::Joining);
  EXPECT_EQ(daemon_.read_line(), "join ssid=Home pass=secret12");
  daemon_.send("error reason=wrong_password\n");
  ASSERT_TRUE(pump_until([&] { return wifi_.station_status().state != hal::JoinState::Joining; }));
  EXPECT_EQ(wifi_.station_status().state, hal::JoinState::Failed);
  EXPECT_EQ(wifi_.station_status().failure, hal::LinkFailure::WrongPassword);
}

TEST_F(AirPortTest, UnknownNetworkIsNetworkNotFound) {
  greet();
  wifi_.join(station("Nowhere", ""));
  EXPECT_EQ(daemon_.read_line(), "join ssid=Nowhere") << "open network: no pass field";
  daemon_.send("error reason=network_not_found\n");
  ASSERT_TRUE(pump_until([&] { return wifi_.station_status().state == hal::JoinState::Failed; }));
  EXPECT_EQ(wifi_.station_status().failure, hal::LinkFailure::NetworkNotFound);
}

TEST_F(AirPortTest, JoinedThenTheRouterDiesIsLinkLost) {
  greet();
  wifi_.join(station("Home", "secret12"));
  daemon_.read_line();
  daemon_.send("ok ssid=Home bssid=02:00:00:00:00:01 ip=192.168.1.23 mask=24 gw=192.168.1.1 ch=6 rssi=-40\n");
  ASSERT_TRUE(pump_until([&] { return wifi_.station_status().state == hal::JoinState::Joined; }));
  EXPECT_EQ(wifi_.station_status().ip.value, 0xC0A80117u);
  EXPECT_EQ(wifi_.station_status().gateway.value, 0xC0A80101u);
  EXPECT_EQ(wifi_.station_status().channel, 6);
  daemon_.send("link_lost reason=router_off ssid=Home\n");
  ASSERT_TRUE(pump_until([&] { return wifi_.station_status().state == hal::JoinState::Failed; }));
  EXPECT_EQ(wifi_.station_status().failure, hal::LinkFailure::LinkLost);
}

TEST_F(AirPortTest, OnlyTheLatestJoinCounts) {
  greet();
  wifi_.join(station("Old", "secret12"));
  wifi_.join(station("New", "secret34"));
  daemon_.read_line();
  daemon_.read_line();
  daemon_.send("error reason=wrong_password\n");
  for (int i = 0; i < 5; ++i) link_.pump();
  EXPECT_EQ(wifi_.station_status().state, hal::JoinState::Joining) << "the stale failure is ignored";
  daemon_.send("ok ssid=New ip=192.168.1.9 gw=192.168.1.1\n");
  ASSERT_TRUE(pump_until([&] { return wifi_.station_status().state == hal::JoinState::Joined; }));
  wifi_.leave();
  EXPECT_EQ(wifi_.station_status().state, hal::JoinState::Idle);
  EXPECT_EQ(daemon_.read_line(), "leave");
}

}  // namespace
}  // namespace onboard::port::testing
