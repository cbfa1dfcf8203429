#include <gtest/gtest.h>

#include <string>

#include "onboard/protocol/air/line_writer.hpp"
#include "onboard/protocol/air/message.hpp"

namespace onboard::air {
namespace {

struct Parsed {
  std::string storage;
  Message message;
  ParseError error;
  explicit Parsed(std::string line) : storage(std::move(line)) {
    error = message.parse(storage.data(), storage.size());
  }
};

TEST(AirMessage, ParsesVerbAndFields) {
  Parsed p("join ssid=My%20Home pass=p%3Dss\n");
  ASSERT_EQ(p.error, ParseError::none);
  EXPECT_EQ(p.message.verb(), "join");
  EXPECT_TRUE(p.message.is("join"));
  ASSERT_EQ(p.message.size(), 2u);
  EXPECT_EQ(p.message.get("ssid"), "My Home");
  EXPECT_EQ(p.message.get("pass"), "p=ss");
  EXPECT_EQ(p.message.at(1).key, "pass");
}

TEST(AirMessage, VerbAloneAndCrLf) {
  Parsed p("scan\r\n");
  ASSERT_EQ(p.error, ParseError::none);
  EXPECT_EQ(p.message.verb(), "scan");
  EXPECT_EQ(p.message.size(), 0u);
}

TEST(AirMessage, ToleratesRepeatedSpaces) {
  Parsed p("  led  r=1   g=2 ");
  ASSERT_EQ(p.error, ParseError::none);
  EXPECT_EQ(p.message.get("g"), "2");
}

TEST(AirMessage, EmptyValueIsPresent) {
  Parsed p("join ssid=x pass=");
  ASSERT_EQ(p.error, ParseError::none);
  EXPECT_TRUE(p.message.has("pass"));
  EXPECT_EQ(p.message.get("pass", "fallback"), "");
  EXPECT_FALSE(p.message.has("other"));
  EXPECT_EQ(p.message.get("other", "fallback"), "fallback");
}

TEST(AirMessage, ValueMayHoldNulAndEquals) {
  Parsed p("board_add cmd=a%00b%3Dc");
  ASSERT_EQ(p.error, ParseError::none);
  EXPECT_EQ(p.message.get("cmd"), std::string_view("a\0b=c", 5));
}

TEST(AirMessage, Errors) {
  EXPECT_EQ(Parsed("").error, ParseError::empty);
  EXPECT_EQ(Parsed("   \n").error, ParseError::empty);
  EXPECT_EQ(Parsed("Join ssid=x").error, ParseError::bad_verb);
  EXPECT_EQ(Parsed("a=b").error, ParseError::bad_verb);
  EXPECT_EQ(Parsed("button down").error, ParseError::bad_field);
  EXPECT_EQ(Parsed("join =x").error, ParseError::bad_field);
  EXPECT_EQ(Parsed("join SSID=x").error, ParseError::bad_field);
  EXPECT_EQ(Parsed("join ssid=%zz").error, ParseError::bad_encoding);
  EXPECT_EQ(Parsed("join ssid=a ssid=b").error, ParseError::duplicate_key);
}

TEST(AirMessage, AFailedParseLeavesNoFields) {
  Parsed p("join ssid=a bad");
  EXPECT_EQ(p.error, ParseError::bad_field);
  EXPECT_EQ(p.message.size(), 0u);
  EXPECT_EQ(p.message.verb(), "");
}

TEST(AirMessage, FieldLimit) {
  std::string line = "x";
  for (std::size_t i = 0; i < kMaxFields; ++i) line += " k" + std::to_string(i) + "=v";
  EXPECT_EQ(Parsed(line).error, ParseError::none);
  EXPECT_EQ(Parsed(line + " one=more").error, ParseError::too_many_fields);
}

TEST(AirMessage, Integers) {
  Parsed p("status rssi=-67 ch=11 big=2147483648 neg=-2147483648 bad=1x empty=");
  ASSERT_EQ(p.error, ParseError::none);
  std::int32_t v = 0;
  EXPECT_TRUE(p.message.get_int("rssi", &v));
  EXPECT_EQ(v, -67);
  EXPECT_TRUE(p.message.get_int("ch", &v));
  EXPECT_EQ(v, 11);
  EXPECT_FALSE(p.message.get_int("big", &v));
  EXPECT_TRUE(p.message.get_int("neg", &v));
  EXPECT_EQ(v, INT32_MIN);
  EXPECT_FALSE(p.message.get_int("bad", &v));
  EXPECT_FALSE(p.message.get_int("empty", &v));
  EXPECT_FALSE(p.message.get_int("absent", &v));
}

TEST(AirLineWriter, WritesAndRoundTripsOddSsids) {
  const std::string ssid = "\"Caf\xC3\xA9\" a=b \\ 100%";
  char buf[kMaxLine];
  LineWriter w(buf, sizeof buf);
  w.verb("join").field("ssid", ssid).field("ch", -3);
  ASSERT_TRUE(w.finish());
  EXPECT_EQ(w.line(), "join ssid=%22Caf%C3%A9%22%20a%3Db%20%5C%20100%25 ch=-3\n");

  Parsed p(std::string(w.line()));
  ASSERT_EQ(p.error, ParseError::none);
  EXPECT_EQ(p.message.get("ssid"), ssid);
}

TEST(AirLineWriter, OverflowIsSticky) {
  char buf[16];
  LineWriter w(buf, sizeof buf);
  w.verb("join").field("ssid", "a b c d");  // 5 + 6 + 13 > 16
  EXPECT_FALSE(w.ok());
  w.field("x", "y");
  EXPECT_FALSE(w.finish());
  w.clear();
  w.verb("scan");
  EXPECT_TRUE(w.finish());
  EXPECT_EQ(w.line(), "scan\n");
}

TEST(AirLineWriter, NoRoomForNewline) {
  char buf[4];
  LineWriter w(buf, sizeof buf);
  w.verb("scan");
  EXPECT_TRUE(w.ok());
  EXPECT_FALSE(w.finish());
}

TEST(AirLineWriter, ThirtyTwoArbitraryBytesFitInOneLine) {
  std::string ssid(32, '\xFF');
  std::string pass(64, ' ');
  char buf[kMaxLine];
  LineWriter w(buf, sizeof buf);
  w.verb("join").field("ssid", ssid).field("pass", pass);
  ASSERT_TRUE(w.finish());
  Parsed p(std::string(w.line()));
  ASSERT_EQ(p.error, ParseError::none);
  EXPECT_EQ(p.message.get("ssid"), ssid);
  EXPECT_EQ(p.message.get("pass"), pass);
}

}  // namespace
}  // namespace onboard::air
