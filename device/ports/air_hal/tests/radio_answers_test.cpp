#include "onboard/device/ports/air_hal/radio_answers.hpp"

#include <gtest/gtest.h>

#include <string>

namespace onboard::air_hal {
namespace {

// A parsed line over its own buffer (Message decodes in place).
struct Line {
  explicit Line(std::string text) : text_(std::move(text)) {
    EXPECT_EQ(message.parse(text_.data(), text_.size()), air::ParseError::none) << text_;
  }
  std::string text_;
  air::Message message;
};

TEST(AirHalRadioAnswers, ReasonsBecomeTheCoresLinkFailures) {
  EXPECT_EQ(link_failure("wrong_password"), hal::LinkFailure::WrongPassword);
  EXPECT_EQ(link_failure("network_not_found"), hal::LinkFailure::NetworkNotFound);
  EXPECT_EQ(link_failure("ssid_too_long"), hal::LinkFailure::NetworkNotFound);
  for (const char* lost : {"router_off", "ap_gone", "channel_switch", "kicked"})
    EXPECT_EQ(link_failure(lost), hal::LinkFailure::LinkLost) << lost;
  EXPECT_EQ(link_failure("internal"), hal::LinkFailure::Other);
  EXPECT_EQ(link_failure("no_such_reason"), hal::LinkFailure::Other);
  EXPECT_EQ(link_failure(""), hal::LinkFailure::Other);
}

TEST(AirHalRadioAnswers, AnApLineBecomesAScanResult) {
  Line line("ap ssid=Home%20Net bssid=02:00:00:00:01:0A rssi=-48 sec=wpa2 ch=36 band=5");
  hal::ScanResult result;
  ASSERT_TRUE(read_scan_result(line.message, &result));
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(result.ssid), result.ssid_len), "Home Net");
  EXPECT_EQ(result.bssid.bytes[4], 0x01);
  EXPECT_EQ(result.bssid.bytes[5], 0x0A);
  EXPECT_EQ(result.rssi, -48);
  EXPECT_EQ(result.channel, 36);
  EXPECT_EQ(result.band, hal::Band::Ghz5);
  EXPECT_EQ(result.security, hal::Security::Wpa2);
}

TEST(AirHalRadioAnswers, ABadApLineLeavesTheResultAlone) {
  Line line("ap ssid=Home bssid=02:00:00:00:01:0A rssi=-48 sec=wep ch=6 band=2.4");
  hal::ScanResult result;
  result.channel = 99;
  EXPECT_FALSE(read_scan_result(line.message, &result));
  EXPECT_EQ(result.channel, 99);
}

TEST(AirHalRadioAnswers, MacsComeFromTheChipIdAndTheApIsTheStationPlusOne) {
  const hal::MacAddress station = mac_from_chip_id(0x1122334455ull);
  const std::uint8_t expected[6] = {0x02, 0x11, 0x22, 0x33, 0x44, 0x55};
  for (std::size_t i = 0; i < 6; ++i) EXPECT_EQ(station.bytes[i], expected[i]) << i;
  EXPECT_EQ(soft_ap_mac(station).bytes[5], 0x56);
  EXPECT_EQ(soft_ap_mac(station).bytes[4], 0x44);
}

}  // namespace
}  // namespace onboard::air_hal
