#include <gtest/gtest.h>

#include "air_test_fixture.hpp"

namespace onboard::port::testing {
namespace {

TEST_F(AirPortTest, HelloNamesTheBoardAndItsReplyGivesTheMac) {
  EXPECT_EQ(wifi_.station_mac().bytes[5], 0xD4) << "before hello: made from the chip id";
  EXPECT_EQ(wifi_.station_mac().bytes[0], 0x02);
  greet();
  ASSERT_TRUE(pump_until([&] { return wifi_.station_mac().bytes[5] == 0x07; }));
  EXPECT_EQ(wifi_.ap_mac().bytes[5], 0x08);
}

TEST_F(AirPortTest, RepliesArriveInRequestOrderAcrossChunks) {
  greet();
  wifi_.start_scan();
  hal::StationConfig config;
  config.ssid[0] = 'H';
  config.ssid_len = 1;
  wifi_.join(config);
  EXPECT_EQ(daemon_.read_line(), "scan");
  EXPECT_EQ(daemon_.read_line(), "join ssid=H");
  // One byte at a time is still two replies, in order.
  const std::string replies = "ok count=0\nok ssid=H ip=192.168.1.50 mask=24 gw=192.168.1.1 ch=6 rssi=-40\n";
  for (const char c : replies) daemon_.send(std::string_view(&c, 1));
  ASSERT_TRUE(pump_until([&] { return wifi_.station_status().state == hal::JoinState::Joined; }));
  EXPECT_EQ(wifi_.scan_state(), hal::ScanState::Done);
}

TEST_F(AirPortTest, ClosedDaemonAnswersWhatWasPendingAndLogsOnce) {
  greet();
  hal::StationConfig config;
  config.ssid[0] = 'H';
  config.ssid_len = 1;
  wifi_.join(config);
  ASSERT_EQ(daemon_.read_line().rfind("join", 0), 0u);
  daemon_.close();
  ASSERT_TRUE(pump_until([&] { return !link_.connected(); }));
  EXPECT_EQ(wifi_.station_status().state, hal::JoinState::Failed);
  EXPECT_EQ(wifi_.station_status().failure, hal::LinkFailure::Other);
  ASSERT_FALSE(log_.empty());
  EXPECT_NE(log_.front().find("control socket lost"), std::string::npos) << log_.front();
  // Later requests fail at once instead of waiting forever.
  wifi_.start_scan();
  link_.pump();
  EXPECT_EQ(wifi_.scan_state(), hal::ScanState::Failed);
  EXPECT_FALSE(wifi_.start_ap("Onboard X-0001"));
}

TEST_F(AirPortTest, GarbageAndUnexpectedLinesAreLoggedNotFatal) {
  greet();
  daemon_.send("ok stray=1\n");  // nothing is pending after hello's reply
  daemon_.send("%%% bad\n");
  ASSERT_TRUE(pump_until([&] { return log_.size() >= 2; }));
  EXPECT_TRUE(link_.connected());
}

}  // namespace
}  // namespace onboard::port::testing
