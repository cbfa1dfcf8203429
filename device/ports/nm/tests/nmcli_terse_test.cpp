#include "onboard/device/ports/nm/nmcli_terse.hpp"

#include <gtest/gtest.h>

namespace onboard::port::nmcli {
namespace {

std::string_view ssid_of(const hal::ScanResult& result) {
  return {reinterpret_cast<const char*>(result.ssid), result.ssid_len};
}

TEST(SplitTerse, UndoesColonAndBackslashEscapes) {
  EXPECT_EQ(split_terse("a:b:c"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(split_terse(R"(My\:Net:AA\:BB)"), (std::vector<std::string>{"My:Net", "AA:BB"}));
  EXPECT_EQ(split_terse(R"(back\\slash:x)"), (std::vector<std::string>{"back\\slash", "x"}));
  EXPECT_EQ(split_terse(R"(\\\::)"), (std::vector<std::string>{"\\:", ""}));
  EXPECT_EQ(split_terse(""), (std::vector<std::string>{""}));
  EXPECT_EQ(split_terse("::"), (std::vector<std::string>{"", "", ""}));
}

TEST(ParseScan, ReadsNmcliWifiListWithOddSsids) {
  // What NetworkManager 1.42 prints for
  // nmcli -t -f SSID,BSSID,CHAN,SIGNAL,SECURITY,FREQ dev wifi list --rescan yes
  const std::string output =
      "Home:DC\\:A6\\:32\\:01\\:02\\:03:6:82:WPA2:2437 MHz\n"
      "Home 5G:DC\\:A6\\:32\\:01\\:02\\:04:36:70:WPA2 WPA3:5180 MHz\n"
      "a\\:b\\\\c \"q\":02\\:00\\:00\\:00\\:00\\:05:11:40:--:2462 MHz\n"
      "Caf\xC3\xA9 \xE2\x98\x95:02\\:00\\:00\\:00\\:00\\:06:1:100::2412 MHz\n"
      ":02\\:00\\:00\\:00\\:00\\:07:3:20:WPA1 WPA2:2422 MHz\n"
      "broken line\n"
      "Office:02\\:00\\:00\\:00\\:00\\:08:149:55:WPA2 802.1X:5745 MHz\r\n";
  const std::vector<hal::ScanResult> results = parse_scan(output);
  ASSERT_EQ(results.size(), 6u);

  EXPECT_EQ(ssid_of(results[0]), "Home");
  EXPECT_EQ(results[0].bssid.bytes[0], 0xDC);
  EXPECT_EQ(results[0].bssid.bytes[5], 0x03);
  EXPECT_EQ(results[0].channel, 6);
  EXPECT_EQ(results[0].rssi, -59);
  EXPECT_EQ(results[0].security, hal::Security::Wpa2);
  EXPECT_EQ(results[0].band, hal::Band::Ghz2_4);

  EXPECT_EQ(ssid_of(results[1]), "Home 5G");
  EXPECT_EQ(results[1].band, hal::Band::Ghz5);
  EXPECT_EQ(results[1].channel, 36);
  EXPECT_EQ(results[1].security, hal::Security::Wpa2Wpa3);

  EXPECT_EQ(ssid_of(results[2]), "a:b\\c \"q\"");
  EXPECT_EQ(results[2].security, hal::Security::Open);

  EXPECT_EQ(ssid_of(results[3]), "Caf\xC3\xA9 \xE2\x98\x95") << "UTF-8 bytes pass through";
  EXPECT_EQ(results[3].rssi, -50);
  EXPECT_EQ(results[3].security, hal::Security::Open) << "an empty SECURITY is open";

  EXPECT_EQ(results[4].ssid_len, 0) << "hidden network";
  EXPECT_EQ(results[4].security, hal::Security::WpaWpa2);

  EXPECT_EQ(results[5].band, hal::Band::Ghz5);
  EXPECT_EQ(results[5].security, hal::Security::Wpa2Enterprise);
}

TEST(ParseScan, RefusesSsidsOver32BytesAndBadNumbers) {
  EXPECT_FALSE(parse_scan_line(std::string(33, 'x') + ":02\\:00\\:00\\:00\\:00\\:01:6:50:WPA2:2437 MHz"));
  EXPECT_TRUE(parse_scan_line(std::string(32, 'x') + ":02\\:00\\:00\\:00\\:00\\:01:6:50:WPA2:2437 MHz"));
  EXPECT_FALSE(parse_scan_line("x:02\\:00\\:00\\:00\\:00\\:01:six:50:WPA2:2437 MHz"));
  EXPECT_FALSE(parse_scan_line("x:not-a-mac:6:50:WPA2:2437 MHz"));
}

TEST(Frequencies, MapToBands) {
  EXPECT_EQ(band_from_frequency("2412 MHz"), hal::Band::Ghz2_4);
  EXPECT_EQ(band_from_frequency("2484 MHz"), hal::Band::Ghz2_4);
  EXPECT_EQ(band_from_frequency("5180 MHz"), hal::Band::Ghz5);
  EXPECT_EQ(band_from_frequency("5825 MHz"), hal::Band::Ghz5);
  EXPECT_EQ(band_from_frequency("5955 MHz"), hal::Band::Ghz5);
  EXPECT_EQ(band_from_frequency("garbage"), hal::Band::Ghz2_4);
}

TEST(Security, NamesMapToTheHal) {
  EXPECT_EQ(security_from("WEP"), hal::Security::Wep);
  EXPECT_EQ(security_from("WPA1"), hal::Security::Wpa);
  EXPECT_EQ(security_from("WPA3"), hal::Security::Wpa3);
  EXPECT_EQ(security_from("OWE"), hal::Security::Unknown);
}

TEST(Signal, QualityToDbm) {
  EXPECT_EQ(rssi_from_signal(0), -100);
  EXPECT_EQ(rssi_from_signal(100), -50);
  EXPECT_EQ(rssi_from_signal(250), -50);
}

TEST(DeviceStatus, ConnectedWithAddressAndGateway) {
  const DeviceStatus status = parse_device_status(
      "GENERAL.STATE:100 (connected)\nIP4.ADDRESS[1]:192.168.1.23/24\nIP4.ADDRESS[2]:10.0.0.5/8\n"
      "IP4.GATEWAY:192.168.1.1\n");
  EXPECT_TRUE(status.connected);
  EXPECT_EQ(status.ip.value, 0xC0A80117u);
  EXPECT_EQ(status.gateway.value, 0xC0A80101u);
  const DeviceStatus down = parse_device_status("GENERAL.STATE:30 (disconnected)\nIP4.GATEWAY:--\n");
  EXPECT_FALSE(down.connected);
  EXPECT_EQ(down.ip.value, 0u);
}

TEST(HardwareAddress, ReadsTheEscapedMac) {
  const auto mac = parse_hardware_address("GENERAL.HWADDR:DC\\:A6\\:32\\:01\\:02\\:03\n");
  ASSERT_TRUE(mac);
  EXPECT_EQ(mac->bytes[0], 0xDC);
  EXPECT_EQ(mac->bytes[5], 0x03);
  EXPECT_FALSE(parse_hardware_address("GENERAL.HWADDR:\n"));
}

TEST(JoinFailure, FromNmcliMessages) {
  EXPECT_EQ(
      join_failure(4, "Error: Connection activation failed: (7) Secrets were required, but not provided.\n"),
      hal::LinkFailure::WrongPassword);
  EXPECT_EQ(join_failure(10, "Error: No network with SSID 'Nowhere' found.\n"),
            hal::LinkFailure::NetworkNotFound);
  EXPECT_EQ(join_failure(3, "Error: Timeout expired (45 seconds)\n"), hal::LinkFailure::Timeout);
  EXPECT_EQ(join_failure(4, "Error: Connection activation failed: IP configuration could not be reserved\n"),
            hal::LinkFailure::NoIp);
  EXPECT_EQ(join_failure(1, "Error: something else\n"), hal::LinkFailure::Other);
}

}  // namespace
}  // namespace onboard::port::nmcli
