#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "onboard/protocol/setup/json_writer.hpp"

namespace onboard::setup {
namespace {

std::string str(std::string_view in) {
  char buf[512];
  JsonWriter json(buf, sizeof(buf));
  json.string(in);
  EXPECT_TRUE(json.complete());
  return std::string(json.view());
}

TEST(SetupJsonWriter, ObjectsArraysAndCommas) {
  char buf[256];
  JsonWriter json(buf, sizeof(buf));
  json.begin_object()
      .key("a")
      .integer(1)
      .key("b")
      .begin_array()
      .integer(-2)
      .boolean(true)
      .null()
      .string("x")
      .begin_object()
      .end_object()
      .begin_array()
      .end_array()
      .end_array()
      .key("c")
      .boolean(false)
      .end_object();
  ASSERT_TRUE(json.complete());
  EXPECT_EQ(json.view(), R"({"a":1,"b":[-2,true,null,"x",{},[]],"c":false})");
}

TEST(SetupJsonWriter, IntegerExtremes) {
  char buf[64];
  JsonWriter json(buf, sizeof(buf));
  json.begin_array().integer(INT64_MIN).integer(INT64_MAX).integer(0).end_array();
  EXPECT_EQ(json.view(), "[-9223372036854775808,9223372036854775807,0]");
}

TEST(SetupJsonWriter, EscapesQuotesBackslashAndControls) {
  EXPECT_EQ(str("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(str("\n\r\t\b\f"), R"("\n\r\t\b\f")");
  EXPECT_EQ(str(std::string("\0\x01\x1f", 3)), R"("\u0000\u0001\u001f")");
  EXPECT_EQ(str("\x7f"), "\"\x7f\"");
  EXPECT_EQ(str("/"), "\"/\"");
  EXPECT_EQ(str(""), "\"\"");
}

TEST(SetupJsonWriter, KeepsValidUtf8) {
  EXPECT_EQ(str("caf\xC3\xA9"), "\"caf\xC3\xA9\"");
  EXPECT_EQ(str("\xE2\x98\x83"), "\"\xE2\x98\x83\"");
  EXPECT_EQ(str("\xF0\x9F\x8F\xA0"), "\"\xF0\x9F\x8F\xA0\"");
  EXPECT_EQ(str("\xF4\x8F\xBF\xBF"), "\"\xF4\x8F\xBF\xBF\"");  // U+10FFFF
  EXPECT_EQ(str("\xEF\xBF\xBD"), "\"\xEF\xBF\xBD\"");
}

const std::string R = "\xEF\xBF\xBD";

TEST(SetupJsonWriter, ReplacesInvalidUtf8WithReplacementCharacter) {
  EXPECT_EQ(str("Caf\xE9"), "\"Caf" + R + "\"");                    // Latin-1 byte
  EXPECT_EQ(str("\x80"), "\"" + R + "\"");                          // lone continuation
  EXPECT_EQ(str("\xC0\xAF"), "\"" + R + R + "\"");                  // overlong: C0 is never valid
  EXPECT_EQ(str("\xE0\x80\xAF"), "\"" + R + R + R + "\"");          // overlong 3-byte
  EXPECT_EQ(str("\xED\xA0\x80"), "\"" + R + R + R + "\"");          // surrogate
  EXPECT_EQ(str("\xF4\x90\x80\x80"), "\"" + R + R + R + R + "\"");  // above U+10FFFF
  EXPECT_EQ(str("\xF5\xFF"), "\"" + R + R + "\"");
  EXPECT_EQ(str("\xE2\x98"), "\"" + R + "\"");  // truncated: one maximal subpart
  EXPECT_EQ(str("\xE2\x98x"), "\"" + R + "x\"");
  EXPECT_EQ(str("\xF0\x9F\x8F"), "\"" + R + "\"");
  EXPECT_EQ(str("\xC3\""), "\"" + R + "\\\"\"");  // the quote is not swallowed
}

TEST(SetupJsonWriter, EveryByteStringParsesStrictly) {
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; b += 3) {
      const char bytes[] = {static_cast<char>(a), static_cast<char>(b), '\xBF', '"'};
      const std::string out = str(std::string_view(bytes, sizeof(bytes)));
      for (char c : out) ASSERT_GE(static_cast<unsigned char>(c), 0x20u);
      nlohmann::json parsed;
      ASSERT_NO_THROW(parsed = nlohmann::json::parse(out)) << a << "," << b;
    }
  }
}

TEST(SetupJsonWriter, OverflowIsSticky) {
  char buf[8];
  JsonWriter json(buf, sizeof(buf));
  json.begin_object().key("long").string("value").end_object();
  EXPECT_FALSE(json.ok());
  EXPECT_TRUE(json.overflowed());
  EXPECT_FALSE(json.complete());
  EXPECT_LE(json.size(), sizeof(buf));
  JsonWriter zero(nullptr, 0);
  zero.begin_array().end_array();
  EXPECT_TRUE(zero.overflowed());
}

TEST(SetupJsonWriter, ExactFit) {
  char buf[9];
  JsonWriter json(buf, sizeof(buf));
  json.begin_object().key("a").integer(12).end_object();
  EXPECT_TRUE(json.complete());
  EXPECT_EQ(json.view(), "{\"a\":12}");
  char small[7];
  JsonWriter tight(small, sizeof(small));
  tight.begin_object().key("a").integer(12).end_object();
  EXPECT_FALSE(tight.ok());
}

TEST(SetupJsonWriter, MisuseIsCaught) {
  char buf[64];
  {
    JsonWriter json(buf, sizeof(buf));
    json.begin_object().integer(1);  // value without key
    EXPECT_FALSE(json.ok());
    EXPECT_FALSE(json.overflowed());
  }
  {
    JsonWriter json(buf, sizeof(buf));
    json.begin_array().key("k");
    EXPECT_FALSE(json.ok());
  }
  {
    JsonWriter json(buf, sizeof(buf));
    json.begin_object().end_array();
    EXPECT_FALSE(json.ok());
  }
  {
    JsonWriter json(buf, sizeof(buf));
    json.begin_object().key("a").end_object();  // dangling key
    EXPECT_FALSE(json.ok());
  }
  {
    JsonWriter json(buf, sizeof(buf));
    json.integer(1).integer(2);  // two top-level values
    EXPECT_FALSE(json.ok());
  }
  {
    JsonWriter json(buf, sizeof(buf));
    json.end_object();
    EXPECT_FALSE(json.ok());
  }
  {
    JsonWriter json(buf, sizeof(buf));
    for (std::size_t i = 0; i <= JsonWriter::kMaxDepth; ++i) json.begin_array();
    EXPECT_FALSE(json.ok());
  }
  {
    JsonWriter json(buf, sizeof(buf));
    json.begin_object().key("a");
    EXPECT_TRUE(json.ok());
    EXPECT_FALSE(json.complete());
  }
}

TEST(SetupJsonWriter, KeysAreEscapedToo) {
  char buf[64];
  JsonWriter json(buf, sizeof(buf));
  json.begin_object().key("a\"\n").null().end_object();
  EXPECT_EQ(json.view(), R"({"a\"\n":null})");
}

}  // namespace
}  // namespace onboard::setup
