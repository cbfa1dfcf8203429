// What the handlers get from a secure channel's plaintext request line.
#include "onboard/device/setup_request.hpp"

#include <gtest/gtest.h>

namespace onboard::device {
namespace {

TEST(SetupRequest, SplitsAPlaintextRequestLine) {
  SetupRequest r;
  ASSERT_TRUE(SetupRequest::from_line("GET /config?ssid=Home&pass=a%20b", r));
  EXPECT_EQ(r.method, HttpMethod::Get);
  EXPECT_EQ(r.method_text, "GET");
  EXPECT_EQ(r.path, "/config");
  EXPECT_EQ(r.query, "ssid=Home&pass=a%20b");
  EXPECT_TRUE(r.body.empty());
  ASSERT_TRUE(SetupRequest::from_line("HEAD /board_info.json", r));
  EXPECT_EQ(r.method, HttpMethod::Head);
  EXPECT_TRUE(r.query.empty());
  ASSERT_TRUE(SetupRequest::from_line("BREW /pot", r));
  EXPECT_EQ(r.method, HttpMethod::Other);
}

TEST(SetupRequest, RefusesWhatIsNotOneRequestLine) {
  SetupRequest r;
  for (const char* bad :
       {"", "GET", "GET ", " /x", "GET config", "GET /a b", "GET /a HTTP/1.1", "GET /a\r\nX: y"}) {
    EXPECT_FALSE(SetupRequest::from_line(bad, r)) << bad;
  }
}

}  // namespace
}  // namespace onboard::device
