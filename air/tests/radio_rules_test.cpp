#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "onboard/protocol/air/limits.hpp"
#include "radio/address_pool.hpp"
#include "radio/rules.hpp"

namespace onboard::air {
namespace {

AccessPoint ap(std::string ssid, std::string password, Band band, int rssi, std::string owner = "router") {
  AccessPoint a;
  a.ssid = std::move(ssid);
  a.password = std::move(password);
  a.band = band;
  a.channel = default_channel(band);
  a.rssi = rssi;
  a.owner = std::move(owner);
  return a;
}

std::vector<const AccessPoint*> ptrs(const std::vector<AccessPoint>& aps) {
  std::vector<const AccessPoint*> out;
  for (const auto& a : aps) out.push_back(&a);
  return out;
}

TEST(RadioRules, SsidIsOneToThirtyTwoBytes) {
  EXPECT_EQ(check_ssid(""), Reason::bad_request);
  EXPECT_EQ(check_ssid(std::string(32, 'x')), std::nullopt);
  EXPECT_EQ(check_ssid(std::string(33, 'x')), Reason::ssid_too_long);
  // Bytes, not characters: 11 x "é" (2 bytes each) is 22 bytes; 17 are 34.
  std::string e;
  for (int i = 0; i < 17; ++i) e += "\xC3\xA9";
  EXPECT_EQ(check_ssid(e), Reason::ssid_too_long);
  EXPECT_EQ(check_ssid(std::string_view("a\0b", 3)), std::nullopt);
}

TEST(RadioRules, PasswordIsEmptyOrWpa2Psk) {
  EXPECT_EQ(check_password(""), std::nullopt);
  EXPECT_EQ(check_password("1234567"), Reason::bad_password);
  EXPECT_EQ(check_password("12345678"), std::nullopt);
  EXPECT_EQ(check_password(std::string(63, 'p')), std::nullopt);
  EXPECT_EQ(check_password(std::string(64, 'p')), Reason::bad_password);
  EXPECT_EQ(check_password(std::string(64, 'a')), std::nullopt);
  EXPECT_EQ(check_password(std::string(65, 'a')), Reason::bad_password);
}

TEST(RadioRules, Channels) {
  EXPECT_TRUE(is_valid_channel(Band::ghz2_4, 1));
  EXPECT_TRUE(is_valid_channel(Band::ghz2_4, 13));
  EXPECT_FALSE(is_valid_channel(Band::ghz2_4, 14));
  EXPECT_FALSE(is_valid_channel(Band::ghz2_4, 36));
  EXPECT_TRUE(is_valid_channel(Band::ghz5, 36));
  EXPECT_TRUE(is_valid_channel(Band::ghz5, 149));
  EXPECT_TRUE(is_valid_channel(Band::ghz5, 165));
  EXPECT_FALSE(is_valid_channel(Band::ghz5, 6));
  EXPECT_FALSE(is_valid_channel(Band::ghz5, 38));
}

TEST(RadioRules, BoardsHearOnly2_4AndNotTheirOwnAp) {
  const std::vector<AccessPoint> aps = {ap("Home", "password1", Band::ghz2_4, -60),
                                        ap("Home-5G", "password1", Band::ghz5, -40),
                                        ap("Onboard b1", "", Band::ghz2_4, -30, "b1")};
  auto seen = scan(ptrs(aps), RadioBands::board(), "b1");
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0]->ssid, "Home");

  seen = scan(ptrs(aps), RadioBands::board(), "b2");
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0]->ssid, "Onboard b1");  // strongest first
}

TEST(RadioRules, PhonesHearBothBandsStrongestFirst) {
  const std::vector<AccessPoint> aps = {ap("Home", "password1", Band::ghz2_4, -60),
                                        ap("Home-5G", "password1", Band::ghz5, -40),
                                        ap("Onboard b1", "", Band::ghz2_4, -30, "b1")};
  auto seen = scan(ptrs(aps), RadioBands::phone(), "phone");
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0]->ssid, "Onboard b1");
  EXPECT_EQ(seen[1]->ssid, "Home-5G");
  EXPECT_EQ(seen[2]->ssid, "Home");
}

TEST(RadioRules, ApsThatAreOffAreNotHeard) {
  std::vector<AccessPoint> aps = {ap("Home", "password1", Band::ghz2_4, -60)};
  aps[0].on = false;
  EXPECT_TRUE(scan(ptrs(aps), RadioBands::phone(), "p").empty());
  EXPECT_EQ(decide_join(ptrs(aps), RadioBands::phone(), "p", "Home", "password1").reason,
            Reason::network_not_found);
}

TEST(RadioRules, ScanIsBounded) {
  std::vector<AccessPoint> aps;
  for (int i = 0; i < 40; ++i) aps.push_back(ap("n" + std::to_string(i), "", Band::ghz2_4, -40 - i));
  EXPECT_EQ(scan(ptrs(aps), RadioBands::phone(), "p").size(), kMaxScanEntries);
}

TEST(RadioRules, JoinChecksSsidBandAndPassword) {
  const std::vector<AccessPoint> aps = {ap("Home", "password1", Band::ghz2_4, -60),
                                        ap("Home-5G", "password1", Band::ghz5, -40),
                                        ap("Open", "", Band::ghz2_4, -50)};
  const auto all = ptrs(aps);
  auto d = decide_join(all, RadioBands::board(), "b1", "Home", "password1");
  ASSERT_NE(d.ap, nullptr);
  EXPECT_EQ(d.ap->ssid, "Home");

  d = decide_join(all, RadioBands::board(), "b1", "Home", "wrong-password");
  EXPECT_EQ(d.ap, nullptr);
  EXPECT_EQ(d.reason, Reason::wrong_password);

  d = decide_join(all, RadioBands::board(), "b1", "Home", "");
  EXPECT_EQ(d.reason, Reason::wrong_password);

  // A 5 GHz network does not exist for a 2.4 GHz radio.
  d = decide_join(all, RadioBands::board(), "b1", "Home-5G", "password1");
  EXPECT_EQ(d.ap, nullptr);
  EXPECT_EQ(d.reason, Reason::network_not_found);
  d = decide_join(all, RadioBands::phone(), "p", "Home-5G", "password1");
  EXPECT_NE(d.ap, nullptr);

  d = decide_join(all, RadioBands::phone(), "p", "Nowhere", "");
  EXPECT_EQ(d.reason, Reason::network_not_found);

  // Open networks take any key.
  d = decide_join(all, RadioBands::board(), "b1", "Open", "anything");
  EXPECT_NE(d.ap, nullptr);
}

TEST(RadioRules, DualBandSsidPicksWhatTheRadioHears) {
  const std::vector<AccessPoint> aps = {ap("Home", "password1", Band::ghz5, -30),
                                        ap("Home", "password1", Band::ghz2_4, -60)};
  auto d = decide_join(ptrs(aps), RadioBands::board(), "b", "Home", "password1");
  ASSERT_NE(d.ap, nullptr);
  EXPECT_EQ(d.ap->band, Band::ghz2_4);
  d = decide_join(ptrs(aps), RadioBands::phone(), "p", "Home", "password1");
  ASSERT_NE(d.ap, nullptr);
  EXPECT_EQ(d.ap->band, Band::ghz5);
}

TEST(RadioRules, BoardApFollowsTheStationChannel) {
  EXPECT_EQ(ap_channel_after_join(1, 11, true).channel, 11);
  EXPECT_TRUE(ap_channel_after_join(1, 11, true).drop_stations);
  EXPECT_FALSE(ap_channel_after_join(6, 6, true).drop_stations);
  EXPECT_EQ(ap_channel_after_join(1, 11, false).channel, 1);
  EXPECT_FALSE(ap_channel_after_join(1, 11, false).drop_stations);

  EXPECT_EQ(ap_start_channel(0, 0, true), 1);
  EXPECT_EQ(ap_start_channel(3, 0, true), 3);
  EXPECT_EQ(ap_start_channel(3, 11, true), 11);
  EXPECT_EQ(ap_start_channel(3, 11, false), 3);
}

TEST(RadioRules, HostNames) {
  EXPECT_TRUE(is_valid_host_name("phone-1"));
  EXPECT_TRUE(is_valid_host_name("Board_2"));
  EXPECT_FALSE(is_valid_host_name(""));
  EXPECT_FALSE(is_valid_host_name("internet"));
  EXPECT_FALSE(is_valid_host_name("router"));
  EXPECT_FALSE(is_valid_host_name("a b"));
  EXPECT_FALSE(is_valid_host_name(std::string(25, 'a')));
}

TEST(AddressPool, LeasesAreStableAndDistinct) {
  AddressPool pool("192.168.4.", 2, 4);
  EXPECT_EQ(pool.lease("a"), "192.168.4.2");
  EXPECT_EQ(pool.lease("b"), "192.168.4.3");
  EXPECT_EQ(pool.lease("a"), "192.168.4.2");
  EXPECT_EQ(pool.lease("c"), "192.168.4.4");
  EXPECT_EQ(pool.lease("d"), std::nullopt);
  pool.clear();
  EXPECT_EQ(pool.lease("d"), "192.168.4.2");
}

TEST(AddressPool, AFullPoolReusesTheLeasesOfIdleHosts) {
  AddressPool pool("192.168.1.", 100, 101);
  ASSERT_EQ(pool.lease("b1"), "192.168.1.100");
  ASSERT_EQ(pool.lease("b2"), "192.168.1.101");
  EXPECT_EQ(pool.lease("b3"), std::nullopt);
  EXPECT_EQ(pool.reclaim([](const std::string& host) { return host == "b1"; }), 1u);
  EXPECT_EQ(pool.lease("b3"), "192.168.1.100");
  EXPECT_EQ(pool.lease("b2"), "192.168.1.101");  // a host still there keeps its address
}

TEST(AddressPool, Macs) {
  EXPECT_EQ(make_mac(0x0102030405ULL), "02:01:02:03:04:05");
}

}  // namespace
}  // namespace onboard::air
