#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "onboard/protocol/setup/board_info.hpp"
#include "onboard/protocol/setup/connect_status.hpp"
#include "onboard/protocol/setup/json_reader.hpp"
#include "onboard/protocol/setup/response.hpp"
#include "onboard/protocol/setup/scan_entry.hpp"

namespace onboard::setup {
namespace {

using Token = JsonReader::Token;

std::vector<Token> tokens(std::string_view doc) {
  char scratch[256];
  JsonReader r(doc, scratch, sizeof scratch);
  std::vector<Token> out;
  for (;;) {
    const Token t = r.next();
    out.push_back(t);
    if (t == Token::end || t == Token::error) return out;
  }
}

TEST(SetupJsonReader, ReadsNestedDocuments) {
  EXPECT_EQ(tokens(R"({"a":[1,true,null,"x"],"b":{}})"),
            (std::vector<Token>{Token::begin_object, Token::key, Token::begin_array, Token::number,
                                Token::boolean, Token::null, Token::string, Token::end_array, Token::key,
                                Token::begin_object, Token::end_object, Token::end_object, Token::end}));
}

TEST(SetupJsonReader, RefusesBrokenStructure) {
  for (const char* bad : {"", "{", "[1,]", "{\"a\":}", "{\"a\" 1}", "[1 2]", "{} {}", "01", "\"\\x\"",
                          "[\"a\nb\"]", "{\"a\":1,}", "]", "[[[[[[[[[1]]]]]]]]]"}) {
    EXPECT_EQ(tokens(bad).back(), Token::error) << bad;
  }
}

TEST(SetupJsonReader, UnescapesStringsIntoScratch) {
  char scratch[64];
  JsonReader r(R"(["a\"b\\c\u00e9\ud83d\ude00\n"])", scratch, sizeof scratch);
  ASSERT_EQ(r.next(), Token::begin_array);
  ASSERT_EQ(r.next(), Token::string);
  EXPECT_EQ(r.text(), "a\"b\\c\xC3\xA9\xF0\x9F\x98\x80\n");
  char tiny[2];
  JsonReader small(R"("abc")", tiny, sizeof tiny);
  EXPECT_EQ(small.next(), Token::error);
}

TEST(SetupJsonReader, IntegersAreBounded) {
  char scratch[8];
  JsonReader r("[9223372036854775807,9223372036854775808,-3,1.5]", scratch, sizeof scratch);
  std::int64_t v = 0;
  ASSERT_EQ(r.next(), Token::begin_array);
  ASSERT_EQ(r.next(), Token::number);
  EXPECT_TRUE(r.integer(&v));
  EXPECT_EQ(v, INT64_MAX);
  ASSERT_EQ(r.next(), Token::number);
  EXPECT_FALSE(r.integer(&v));
  ASSERT_EQ(r.next(), Token::number);
  EXPECT_TRUE(r.integer(&v));
  EXPECT_EQ(v, -3);
  ASSERT_EQ(r.next(), Token::number);
  EXPECT_FALSE(r.integer(&v));
}

// What the device writes, the wizard reads back unchanged.
TEST(SetupReplyReaders, BoardInfoRoundTrips) {
  BoardInfo info;
  info.board = "Greenhouse \"Pro\"";
  info.tmpl_id = "TMPL1234abcd";
  info.fw_type = "Greenhouse";
  info.fw_ver = "1.2.3";
  info.ssid = "Blynk Greenhouse-ABCD";
  info.bssid = MacAddress{{1, 2, 3, 4, 5, 6}};
  info.mac = MacAddress{{0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF}};
  info.last_reason = Reason::wrong_password;
  char json[512];
  const std::size_t n = write_board_info_json(info, json, sizeof json);
  ASSERT_GT(n, 0u);
  char scratch[512];
  BoardInfo back;
  ASSERT_TRUE(read_board_info_json(std::string_view(json, n), scratch, sizeof scratch, back));
  EXPECT_EQ(back.board, info.board);
  EXPECT_EQ(back.tmpl_id, info.tmpl_id);
  EXPECT_EQ(back.fw_ver, info.fw_ver);
  EXPECT_EQ(back.ssid, info.ssid);
  EXPECT_EQ(back.bssid, info.bssid);
  EXPECT_EQ(back.mac, info.mac);
  EXPECT_EQ(back.last_reason, Reason::wrong_password);
  EXPECT_TRUE(back.wifi_scan);
  EXPECT_EQ(back.onboard, kOnboardProtocolVersion);
}

TEST(SetupReplyReaders, PlainEdgentBoardInfoHasNoOnboardKey) {
  const std::string_view edgent =
      R"({"board":"Lamp","tmpl_id":"TMPLx","fw_type":"Lamp","fw_ver":"0.1","ssid":"Blynk Lamp-1","bssid":"x",)"
      R"("last_error":0,"wifi_scan":1,"extra":{"nested":[1,2]}})";
  char scratch[256];
  BoardInfo back;
  ASSERT_TRUE(read_board_info_json(edgent, scratch, sizeof scratch, back));
  EXPECT_EQ(back.onboard, 0);
  EXPECT_TRUE(back.wifi_scan);
  EXPECT_EQ(back.last_reason, Reason::none);
  EXPECT_FALSE(read_board_info_json("[]", scratch, sizeof scratch, back));
  EXPECT_FALSE(read_board_info_json("{\"board\":", scratch, sizeof scratch, back));
}

TEST(SetupReplyReaders, ScanRoundTripsAndDropsPastCapacity) {
  std::vector<ScanEntry> entries(3);
  entries[0].set_ssid("Home \"5\"");
  entries[0].rssi = -40;
  entries[0].security = Security::wpa2;
  entries[0].channel = 6;
  entries[1].rssi = -50;  // hidden
  entries[1].security = Security::open;
  entries[2].set_ssid("Cafe");
  entries[2].rssi = -70;
  entries[2].security = Security::wpa2_eap;
  std::string json(kScanJsonMaxLength, '\0');
  const std::size_t n = write_scan_json(entries.data(), entries.size(), json.data(), json.size());
  ASSERT_GT(n, 0u);
  json.resize(n);
  ScanEntry back[2];
  std::size_t count = 0;
  ASSERT_TRUE(read_scan_json(json, back, 2, &count));
  ASSERT_EQ(count, 2u);
  EXPECT_EQ(back[0].ssid_view(), "Home \"5\"");
  EXPECT_EQ(back[0].rssi, -40);
  EXPECT_EQ(back[0].security, Security::wpa2);
  EXPECT_EQ(back[0].channel, 6);
  EXPECT_TRUE(back[1].hidden);
  EXPECT_EQ(back[1].security, Security::open);
  EXPECT_TRUE(read_scan_json(R"([{"ssid":"x","sec":"WPA9"}])", back, 2, &count));
  EXPECT_EQ(back[0].security, Security::unknown);
  EXPECT_FALSE(read_scan_json("{}", back, 2, &count));
}

TEST(SetupReplyReaders, ConnectStatusAndConfigReply) {
  char json[kResponseJsonMaxLength];
  const std::size_t n =
      write_connect_status_json(ConnectStatus{ConnectState::failed, Reason::no_ip}, json, sizeof json);
  ConnectStatus status;
  ASSERT_TRUE(read_connect_status_json(std::string_view(json, n), status));
  EXPECT_EQ(status.state, ConnectState::failed);
  EXPECT_EQ(status.reason, Reason::no_ip);
  EXPECT_FALSE(read_connect_status_json(R"({"state":"dancing"})", status));
  ASSERT_TRUE(read_connect_status_json(R"({"state":"failed","reason":"from_the_future"})", status));
  EXPECT_EQ(status.reason, Reason::internal);

  char scratch[256];
  ConfigReply reply;
  const std::size_t m =
      write_config_error_json(ParseResult::failure(Field::pass, Rule::too_short), json, sizeof json);
  ASSERT_GT(m, 0u);
  ASSERT_TRUE(read_config_reply_json(std::string_view(json, m), scratch, sizeof scratch, reply));
  EXPECT_FALSE(reply.ok);
  EXPECT_EQ(reply.field, "pass");
  EXPECT_EQ(reply.rule, "too_short");
  ASSERT_TRUE(read_config_reply_json(R"({"status":"ok","msg":"Configuration saved"})", scratch,
                                     sizeof scratch, reply));
  EXPECT_TRUE(reply.ok);
  EXPECT_EQ(reply.msg, "Configuration saved");
}

}  // namespace
}  // namespace onboard::setup
