#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "onboard/protocol/air/scan_entry.hpp"

namespace onboard::air {
namespace {

TEST(AirVocabulary, NamesRoundTrip) {
  for (int i = 0; i <= static_cast<int>(Reason::internal); ++i) {
    const auto reason = static_cast<Reason>(i);
    Reason back{};
    ASSERT_TRUE(parse(to_string(reason), &back)) << i;
    EXPECT_EQ(back, reason);
  }
  Band band{};
  EXPECT_TRUE(parse("5", &band));
  EXPECT_EQ(band, Band::ghz5);
  EXPECT_TRUE(parse("2.4", &band));
  EXPECT_EQ(band, Band::ghz2_4);
  EXPECT_FALSE(parse("6", &band));
  Security sec{};
  EXPECT_TRUE(parse("wpa2", &sec));
  EXPECT_EQ(to_string(Security::open), "open");
  EXPECT_EQ(to_string(Reason::wrong_password), "wrong_password");
  EXPECT_EQ(to_string(Reason::network_not_found), "network_not_found");
}

TEST(AirScanEntry, RoundTripsThroughALine) {
  ScanEntry in;
  const std::string ssid = "Onboard \"x\" caf\xC3\xA9=1";
  std::memcpy(in.ssid, ssid.data(), ssid.size());
  in.ssid_length = static_cast<std::uint8_t>(ssid.size());
  std::strcpy(in.bssid, "02:00:00:00:01:01");
  in.rssi = -61;
  in.security = Security::wpa2;
  in.channel = 11;
  in.band = Band::ghz2_4;

  char buf[kMaxLine];
  LineWriter w(buf, sizeof buf);
  ASSERT_TRUE(write_scan_entry(w, in));
  std::string line(w.line());
  EXPECT_EQ(line.rfind("ap ssid=Onboard%20%22x%22", 0), 0u) << line;

  Message m;
  ASSERT_EQ(m.parse(line.data(), line.size()), ParseError::none);
  ScanEntry out;
  ASSERT_TRUE(read_scan_entry(m, &out));
  EXPECT_EQ(out.ssid_view(), ssid);
  EXPECT_STREQ(out.bssid, "02:00:00:00:01:01");
  EXPECT_EQ(out.rssi, -61);
  EXPECT_EQ(out.security, Security::wpa2);
  EXPECT_EQ(out.channel, 11);
  EXPECT_EQ(out.band, Band::ghz2_4);
}

TEST(AirScanEntry, TheWorstCaseFitsInOneLine) {
  ScanEntry in;
  std::memset(in.ssid, '\xFF', kMaxSsid);  // every byte escaped: 96 bytes
  in.ssid_length = kMaxSsid;
  std::strcpy(in.bssid, "02:ff:ff:ff:ff:ff");
  in.rssi = -127;
  in.security = Security::wpa2;
  in.channel = 165;
  in.band = Band::ghz5;
  char buf[kMaxLine];
  LineWriter w(buf, sizeof buf);
  ASSERT_TRUE(write_scan_entry(w, in));
  EXPECT_LT(w.size(), 200u);
}

TEST(AirScanEntry, RefusesBadEntries) {
  auto read = [](std::string line) {
    Message m;
    if (m.parse(line.data(), line.size()) != ParseError::none) return false;
    ScanEntry e;
    return read_scan_entry(m, &e);
  };
  EXPECT_TRUE(read("ap ssid=x bssid=b rssi=-50 sec=open ch=1 band=2.4"));
  EXPECT_FALSE(read("ok ssid=x bssid=b rssi=-50 sec=open ch=1 band=2.4"));
  EXPECT_FALSE(read("ap ssid= bssid=b rssi=-50 sec=open ch=1 band=2.4"));
  EXPECT_FALSE(read("ap ssid=" + std::string(33, 'a') + " bssid=b rssi=-50 sec=open ch=1 band=2.4"));
  EXPECT_FALSE(read("ap ssid=x bssid=b rssi=5 sec=open ch=1 band=2.4"));
  EXPECT_FALSE(read("ap ssid=x bssid=b rssi=-50 sec=wep ch=1 band=2.4"));
  EXPECT_FALSE(read("ap ssid=x bssid=b rssi=-50 sec=open ch=0 band=2.4"));
  EXPECT_FALSE(read("ap ssid=x bssid=b rssi=-50 sec=open ch=1 band=6"));
}

}  // namespace
}  // namespace onboard::air
