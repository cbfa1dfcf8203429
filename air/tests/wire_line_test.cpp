#include <gtest/gtest.h>

#include "wire/line.hpp"

namespace onboard::air {
namespace {

TEST(WireLine, MakesAndParsesLines) {
  const std::string line = make_line("join", {{"ssid", "My \"Home\" = caf\xC3\xA9"}, {"pass", ""}});
  EXPECT_EQ(line, "join ssid=My%20%22Home%22%20%3D%20caf%C3%A9 pass=\n");
  auto parsed = parse_line(line);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->verb, "join");
  EXPECT_EQ(parsed->get("ssid"), "My \"Home\" = caf\xC3\xA9");
  EXPECT_TRUE(parsed->has("pass"));
  EXPECT_EQ(parsed->get("missing", "x"), "x");
}

TEST(WireLine, LongControlLinesParse) {
  const std::string cmd(5000, 'a');
  auto parsed = parse_line(make_line("board_add", {{"cmd", cmd}}));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->get("cmd"), cmd);
}

TEST(WireLine, RepliesEndWithOneFinalLine) {
  Reply r;
  r.data.push_back(make_line("ap", {{"ssid", "a"}}));
  r.add("count", 1);
  EXPECT_EQ(r.serialize(), "ap ssid=a\nok count=1\n");
  EXPECT_EQ(Reply::error(Reason::wrong_password).serialize(), "error reason=wrong_password\n");
  EXPECT_EQ(Reply::error(Reason::bad_request, "x y").serialize(), "error reason=bad_request detail=x%20y\n");
}

TEST(WireLine, MalformedLinesAreRefused) {
  ParseError error = ParseError::none;
  EXPECT_FALSE(parse_line("join ssid", &error));
  EXPECT_EQ(error, ParseError::bad_field);
}

}  // namespace
}  // namespace onboard::air
