#include <gtest/gtest.h>

#include "onboard/protocol/air/address.hpp"

namespace onboard::air {
namespace {

TEST(AirAddress, ReadsMacsAsTheAirWritesThem) {
  std::uint8_t mac[6] = {};
  ASSERT_TRUE(parse_mac("02:24:39:6f:FF:01", mac));
  const std::uint8_t expected[6] = {0x02, 0x24, 0x39, 0x6F, 0xFF, 0x01};
  for (std::size_t i = 0; i < 6; ++i) EXPECT_EQ(mac[i], expected[i]) << i;
}

TEST(AirAddress, RefusesOtherMacFormsAndLeavesTheOutputAlone) {
  for (const char* bad : {"", "02:24:39:6f:ff", "02-24-39-6f-ff-01", "02:24:39:6f:ff:0g",
                          "02:24:39:6f:ff:01:", "0224:39:6f:ff:01a"}) {
    std::uint8_t mac[6] = {9, 9, 9, 9, 9, 9};
    EXPECT_FALSE(parse_mac(bad, mac)) << bad;
    for (std::uint8_t b : mac) EXPECT_EQ(b, 9) << bad;
  }
}

TEST(AirAddress, ReadsStrictDottedQuads) {
  std::uint32_t ip = 0;
  ASSERT_TRUE(parse_ip4("192.168.1.100", &ip));
  EXPECT_EQ(ip, 0xC0A80164u);
  ASSERT_TRUE(parse_ip4("0.0.0.0", &ip));
  EXPECT_EQ(ip, 0u);
  for (const char* bad :
       {"", "1.2.3", "1.2.3.256", "1.2.3.4.5", "a.b.c.d", "1.2.3.4 ", "01.2.3.4", "1.2.3.1000"}) {
    ip = 7;
    EXPECT_FALSE(parse_ip4(bad, &ip)) << bad;
    EXPECT_EQ(ip, 7u) << bad;
  }
}

TEST(AirAddress, ClampsRssiToWhatARadioReports) {
  EXPECT_EQ(clamp_rssi(-40), -40);
  EXPECT_EQ(clamp_rssi(-128), -128);
  EXPECT_EQ(clamp_rssi(-500), -128);
  EXPECT_EQ(clamp_rssi(0), 0);
  EXPECT_EQ(clamp_rssi(12), 0);
}

}  // namespace
}  // namespace onboard::air
