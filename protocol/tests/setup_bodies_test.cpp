#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "onboard/protocol/setup/board_info.hpp"
#include "onboard/protocol/setup/connect_status.hpp"
#include "onboard/protocol/setup/mac_address.hpp"
#include "onboard/protocol/setup/response.hpp"
#include "onboard/protocol/setup/scan_entry.hpp"

namespace onboard::setup {
namespace {

using nlohmann::json;

TEST(SetupMac, WritesAndParses) {
  MacAddress mac{{0x24, 0x0A, 0xC4, 0xAB, 0xCD, 0xEF}};
  char text[kMacTextLength];
  write_mac(mac, text);
  EXPECT_EQ(std::string_view(text, sizeof(text)), "24:0A:C4:AB:CD:EF");
  MacAddress back;
  ASSERT_TRUE(parse_mac("24:0a:c4:ab:cd:ef", back));
  EXPECT_EQ(back, mac);
  ASSERT_TRUE(parse_mac("24-0A-C4-AB-CD-EF", back));
  EXPECT_FALSE(parse_mac("24:0A:C4:AB:CD", back));
  EXPECT_FALSE(parse_mac("24:0A:C4:AB:CD:EG", back));
  EXPECT_FALSE(parse_mac("24:0A:C4:AB:CD:EF:", back));
  EXPECT_FALSE(parse_mac("240A:C4:AB:CD:EF0", back));
}

TEST(SetupBoardInfo, EdgentKeysPlusOnboardExtensions) {
  BoardInfo info;
  info.board = "Greenhouse \"Pro\"";
  info.tmpl_id = "TMPL1234abcd";
  info.fw_type = "Greenhouse";
  info.fw_ver = "1.2.3";
  info.ssid = "Blynk Greenhouse-ABCD";
  info.bssid = MacAddress{{1, 2, 3, 4, 5, 6}};
  info.mac = MacAddress{{0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF}};
  info.last_reason = Reason::wrong_password;
  char out[512];
  const std::size_t n = write_board_info_json(info, out, sizeof(out));
  ASSERT_GT(n, 0u);
  const json j = json::parse(std::string(out, n));
  EXPECT_EQ(j["board"], "Greenhouse \"Pro\"");
  EXPECT_EQ(j["tmpl_id"], "TMPL1234abcd");
  EXPECT_EQ(j["fw_type"], "Greenhouse");
  EXPECT_EQ(j["fw_ver"], "1.2.3");
  EXPECT_EQ(j["ssid"], "Blynk Greenhouse-ABCD");
  EXPECT_EQ(j["bssid"], "01:02:03:04:05:06");
  EXPECT_EQ(j["mac"], "AA:BB:CC:DD:EE:FF");
  EXPECT_EQ(j["last_error"], 701);
  EXPECT_EQ(j["wifi_scan"], true);
  EXPECT_EQ(j["static_ip"], true);
  EXPECT_EQ(j["onboard"], kOnboardProtocolVersion);
  EXPECT_EQ(j["last_reason"], "wrong_password");
  EXPECT_EQ(write_board_info_json(info, out, 100), 0u);
}

TEST(SetupBoardInfo, NoErrorIsZero) {
  BoardInfo info;
  char out[512];
  const std::size_t n = write_board_info_json(info, out, sizeof(out));
  const json j = json::parse(std::string(out, n));
  EXPECT_EQ(j["last_error"], 0);
  EXPECT_EQ(j["last_reason"], "none");
}

ScanEntry entry(std::string_view ssid, int rssi, Security sec = Security::wpa2) {
  ScanEntry e;
  e.set_ssid(ssid);
  e.rssi = rssi;
  e.security = sec;
  e.channel = 6;
  return e;
}

json scan(const std::vector<ScanEntry>& entries) {
  std::vector<char> out(kScanJsonMaxLength);
  const std::size_t n = write_scan_json(entries.data(), entries.size(), out.data(), out.size());
  EXPECT_GT(n, 0u);
  return json::parse(std::string(out.data(), n));
}

TEST(SetupScan, SecurityStrings) {
  const std::pair<Security, const char*> names[] = {
      {Security::open, "OPEN"},         {Security::wep, "WEP"},
      {Security::wpa, "WPA"},           {Security::wpa2, "WPA2"},
      {Security::wpa_wpa2, "WPA+WPA2"}, {Security::wpa2_eap, "WPA2-EAP"},
      {Security::wpa3, "WPA3"},         {Security::wpa2_wpa3, "WPA2+WPA3"},
      {Security::wapi, "WAPI"},         {Security::unknown, "unknown"}};
  for (const auto& [sec, name] : names) {
    EXPECT_EQ(to_string(sec), name);
    Security back = Security::open;
    ASSERT_TRUE(security_from_string(name, back));
    EXPECT_EQ(back, sec);
  }
  Security untouched = Security::wep;
  EXPECT_FALSE(security_from_string("wpa2", untouched));
  EXPECT_EQ(untouched, Security::wep);
}

TEST(SetupScan, EntryFields) {
  ScanEntry e = entry("Home \"5\"", -42, Security::wpa2_wpa3);
  e.bssid = MacAddress{{0xDE, 0xAD, 0xBE, 0xEF, 0, 1}};
  e.channel = 11;
  e.hidden = true;
  const json j = scan({e});
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["ssid"], "Home \"5\"");
  EXPECT_EQ(j[0]["bssid"], "DE:AD:BE:EF:00:01");
  EXPECT_EQ(j[0]["rssi"], -42);
  EXPECT_EQ(j[0]["sec"], "WPA2+WPA3");
  EXPECT_EQ(j[0]["ch"], 11);
  EXPECT_EQ(j[0]["hidden"], 1);  // Edgent's ESP8266 writes "hidden":%d
}

TEST(SetupScan, EmptyScanIsEmptyArray) {
  char out[4];
  EXPECT_EQ(std::string_view(out, write_scan_json(nullptr, 0, out, sizeof(out))), "[]");
}

TEST(SetupScan, StrongestFirstTiesInInputOrder) {
  const json j = scan({entry("weak", -90), entry("strong", -30), entry("mid1", -60), entry("mid2", -60)});
  ASSERT_EQ(j.size(), 4u);
  EXPECT_EQ(j[0]["ssid"], "strong");
  EXPECT_EQ(j[1]["ssid"], "mid1");
  EXPECT_EQ(j[2]["ssid"], "mid2");
  EXPECT_EQ(j[3]["ssid"], "weak");
}

TEST(SetupScan, CappedAtFifteenStrongest) {
  std::vector<ScanEntry> entries;
  // 40 networks in a scrambled order: rssi -100..-61.
  for (int i = 0; i < 40; ++i) {
    const int k = (i * 17) % 40;
    entries.push_back(entry("net" + std::to_string(k), -100 + k));
  }
  const json j = scan(entries);
  ASSERT_EQ(j.size(), kMaxScanEntries);
  for (std::size_t i = 0; i < j.size(); ++i) EXPECT_EQ(j[i]["rssi"], -61 - static_cast<int>(i));
}

TEST(SetupScan, HostileSsidsStayValidJson) {
  std::string nasty = "\"\\\n\x01\xE9\xFF";
  nasty += std::string(32 - nasty.size(), '\x02');
  std::vector<ScanEntry> entries(20, entry(nasty, -50));
  const json j = scan(entries);
  EXPECT_EQ(j.size(), kMaxScanEntries);
}

TEST(SetupScan, FailsWhenBufferTooSmall) {
  const std::vector<ScanEntry> entries(3, entry("abc", -50));
  char out[64];
  EXPECT_EQ(write_scan_json(entries.data(), entries.size(), out, sizeof(out)), 0u);
}

TEST(SetupConnectStatus, StatesAndJson) {
  const std::pair<ConnectState, const char*> names[] = {
      {ConnectState::idle, "idle"},           {ConnectState::joining, "joining"},
      {ConnectState::joined, "joined"},       {ConnectState::cloud, "cloud"},
      {ConnectState::activated, "activated"}, {ConnectState::failed, "failed"}};
  for (const auto& [state, name] : names) {
    EXPECT_EQ(to_string(state), name);
    ConnectState back = ConnectState::idle;
    ASSERT_TRUE(connect_state_from_string(name, back));
    EXPECT_EQ(back, state);
  }
  ConnectState untouched = ConnectState::cloud;
  EXPECT_FALSE(connect_state_from_string("FAILED", untouched));
  EXPECT_EQ(untouched, ConnectState::cloud);

  char out[128];
  std::size_t n = write_connect_status_json({ConnectState::failed, Reason::token_invalid}, out, sizeof(out));
  EXPECT_EQ(std::string_view(out, n), R"({"state":"failed","reason":"token_invalid","last_error":703})");
  n = write_connect_status_json({ConnectState::joining, Reason::none}, out, sizeof(out));
  EXPECT_EQ(std::string_view(out, n), R"({"state":"joining","reason":"none","last_error":0})");
  EXPECT_EQ(write_connect_status_json({}, out, 10), 0u);
}

TEST(SetupResponses, EdgentBodies) {
  char out[kResponseJsonMaxLength];
  std::size_t n = write_ok_json(OkMessage::config_saved, out, sizeof(out));
  EXPECT_EQ(std::string_view(out, n), R"({"status":"ok","msg":"Configuration saved"})");
  n = write_ok_json(OkMessage::trying_to_connect, out, sizeof(out));
  EXPECT_EQ(std::string_view(out, n), R"({"status":"ok","msg":"Trying to connect..."})");
  n = write_ok_json(OkMessage::config_reset, out, sizeof(out));
  EXPECT_EQ(std::string_view(out, n), R"({"status":"ok","msg":"Configuration reset"})");
}

TEST(SetupResponses, ConfigErrorNamesFieldAndReason) {
  char out[kResponseJsonMaxLength];
  const std::size_t n =
      write_config_error_json(ParseResult::failure(Field::pass, Rule::too_long), out, sizeof(out));
  const json j = json::parse(std::string(out, n));
  EXPECT_EQ(j["status"], "error");
  EXPECT_EQ(j["msg"], "Configuration invalid");
  EXPECT_EQ(j["field"], "pass");
  EXPECT_EQ(j["rule"], "too_long");
  EXPECT_EQ(j["reason"], "must be at most 63 characters, or 64 hex digits");
}

TEST(SetupResponses, EveryErrorFitsTheBound) {
  char out[kResponseJsonMaxLength];
  for (int f = 0; f <= static_cast<int>(Field::save); ++f) {
    for (int r = 0; r <= static_cast<int>(Rule::not_boolean); ++r) {
      const ParseResult e = ParseResult::failure(static_cast<Field>(f), static_cast<Rule>(r));
      const std::size_t n = write_config_error_json(e, out, sizeof(out));
      ASSERT_GT(n, 0u) << f << "/" << r;
      json parsed;
      EXPECT_NO_THROW(parsed = json::parse(std::string(out, n)));
    }
  }
}

}  // namespace
}  // namespace onboard::setup
