#include <gtest/gtest.h>

#include <string>

#include "onboard/protocol/air/line_reader.hpp"

namespace onboard::air {
namespace {

std::string take(LineReader& r, LineReader::Result expect = LineReader::Result::line) {
  char* line = nullptr;
  std::size_t n = 0;
  EXPECT_EQ(r.next(&line, &n), expect);
  return expect == LineReader::Result::line ? std::string(line, n) : std::string();
}

TEST(AirLineReader, SplitsLinesAcrossFeeds) {
  char buf[64];
  LineReader r(buf, sizeof buf);
  r.feed("ok ip=1", 7);
  take(r, LineReader::Result::none);
  r.feed("\nbutton state=down\nsc", 21);
  EXPECT_EQ(take(r), "ok ip=1");
  EXPECT_EQ(take(r), "button state=down");
  take(r, LineReader::Result::none);
  r.feed("an\n", 3);
  EXPECT_EQ(take(r), "scan");
}

TEST(AirLineReader, ReadsIntoSpace) {
  char buf[16];
  LineReader r(buf, sizeof buf);
  const std::string in = "ping\n";
  ASSERT_GE(r.space_size(), in.size());
  in.copy(r.space(), in.size());
  r.commit(in.size());
  EXPECT_EQ(take(r), "ping");
  EXPECT_EQ(r.space_size(), sizeof buf);
}

TEST(AirLineReader, SkipsALineLongerThanTheBuffer) {
  char buf[8];
  LineReader r(buf, sizeof buf);
  EXPECT_EQ(r.feed("0123456789", 10), 8u);
  take(r, LineReader::Result::too_long);
  r.feed("89abcdef", 8);  // still the same line: dropped silently
  take(r, LineReader::Result::none);
  r.feed("x\nok\n", 5);
  EXPECT_EQ(take(r), "ok");
  take(r, LineReader::Result::none);
}

TEST(AirLineReader, ALineThatExactlyFitsIsKept) {
  char buf[5];
  LineReader r(buf, sizeof buf);
  EXPECT_EQ(r.feed("scan\nok\n", 8), 5u);
  EXPECT_EQ(take(r), "scan");
  EXPECT_EQ(r.feed("ok\n", 3), 3u);
  EXPECT_EQ(take(r), "ok");
}

}  // namespace
}  // namespace onboard::air
