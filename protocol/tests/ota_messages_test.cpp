#include <gtest/gtest.h>

#include <string>

#include "onboard/protocol/ota/messages.hpp"

namespace onboard::ota {
namespace {

using namespace std::string_literals;

TEST(OtaMessages, StartIsTheBlynkLibraryForm) {
  char buf[128];
  const std::size_t n = write_start("http://cloud:8080/ota/abc?x=1", buf, sizeof buf);
  // The library compares the first four bytes with 'o','t','a',0 and reads the rest as the URL.
  EXPECT_EQ(std::string(buf, n), "ota\0http://cloud:8080/ota/abc?x=1"s);
  std::string_view url;
  ASSERT_TRUE(read_start(std::string_view(buf, n), url));
  EXPECT_EQ(url, "http://cloud:8080/ota/abc?x=1");
  EXPECT_EQ(write_start("http://x/", buf, 8), 0u);
}

TEST(OtaMessages, StartIgnoresLaterFieldsAndRefusesOthers) {
  std::string_view url;
  const std::string body = "ota\0http://h/p\0extra"s;
  EXPECT_TRUE(read_start(body, url));
  EXPECT_EQ(url, "http://h/p");
  EXPECT_FALSE(read_start("ota\0"s, url));
  EXPECT_FALSE(read_start("ota"s, url));
  EXPECT_FALSE(read_start("rtc\0http://h/p"s, url));
  EXPECT_FALSE(read_start("otax\0http://h/p"s, url));
  EXPECT_FALSE(read_start("", url));
}

TEST(OtaMessages, FailedReportRoundTripsEveryReason) {
  const FailReason all[] = {FailReason::signature,  FailReason::template_id, FailReason::version,
                            FailReason::hash,       FailReason::format,      FailReason::size,
                            FailReason::download,   FailReason::storage,     FailReason::url,
                            FailReason::rolled_back};
  for (FailReason r : all) {
    char buf[64];
    const std::size_t n = write_failed(r, buf, sizeof buf);
    ASSERT_GT(n, 0u);
    EXPECT_EQ(std::string(buf, n), "ota\0failed\0"s + std::string(to_string(r)));
    FailReason back = FailReason::storage;
    bool known = false;
    ASSERT_TRUE(read_failed(std::string_view(buf, n), back, known));
    EXPECT_TRUE(known);
    EXPECT_EQ(back, r);
  }
  EXPECT_EQ(to_string(FailReason::template_id), "template");
  EXPECT_EQ(to_string(FailReason::rolled_back), "rolled_back");
}

TEST(OtaMessages, UnknownReasonStillReadsAsFailed) {
  FailReason r = FailReason::hash;
  bool known = true;
  ASSERT_TRUE(read_failed("ota\0failed\0battery_low"s, r, known));
  EXPECT_FALSE(known);
  EXPECT_FALSE(read_failed("ota\0done"s, r, known));
  EXPECT_FALSE(read_failed("ota\0failed"s, r, known));
  char tiny[8];
  EXPECT_EQ(write_failed(FailReason::signature, tiny, sizeof tiny), 0u);
}

}  // namespace
}  // namespace onboard::ota
