#include "onboard/device/http_request_parser.hpp"

#include <gtest/gtest.h>

#include <string>

namespace onboard::device {
namespace {

struct Parsed {
  HttpRequestParser::Status status;
  std::size_t consumed;
  int error;
};

class Parser : public ::testing::Test {
 protected:
  Parsed feed(const std::string& text, std::size_t chunk = SIZE_MAX) {
    std::size_t pos = 0;
    HttpRequestParser::Result r{HttpRequestParser::Status::NeedMore, 0};
    while (pos < text.size() && r.status == HttpRequestParser::Status::NeedMore) {
      const std::size_t n = std::min(chunk, text.size() - pos);
      r = parser.feed(reinterpret_cast<const std::uint8_t*>(text.data()) + pos, n);
      pos += r.consumed;
    }
    return {r.status, pos, parser.error_status()};
  }
  char buf[128];
  HttpRequestParser parser{buf, sizeof buf};
};

TEST_F(Parser, ParsesARequestByteByByte) {
  const Parsed p = feed("GET /config?ssid=a HTTP/1.1\r\nHost: x\r\n\r\n", 1);
  ASSERT_EQ(p.status, HttpRequestParser::Status::Complete);
  EXPECT_EQ(parser.method(), HttpMethod::Get);
  EXPECT_EQ(parser.path(), "/config");
  EXPECT_EQ(parser.query(), "ssid=a");
  EXPECT_TRUE(parser.keep_alive());
}

TEST_F(Parser, KeepAliveRules) {
  feed("GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
  EXPECT_FALSE(parser.keep_alive());
  parser.reset();
  feed("GET / HTTP/1.0\r\n\r\n");
  EXPECT_FALSE(parser.keep_alive());
  parser.reset();
  feed("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n");
  EXPECT_TRUE(parser.keep_alive());
}

TEST_F(Parser, AcceptsBareLineFeedsAndLeadingEmptyLines) {
  EXPECT_EQ(feed("\r\n\nGET / HTTP/1.1\nHost: x\n\n").status, HttpRequestParser::Status::Complete);
}

TEST_F(Parser, StopsAtTheEndOfARequestSoPipelinedBytesRemain) {
  const std::string first = "POST /x HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc";
  const Parsed p = feed(first + "GET / HTTP/1.1\r\n\r\n");
  EXPECT_EQ(p.status, HttpRequestParser::Status::Complete);
  EXPECT_EQ(p.consumed, first.size());
}

TEST_F(Parser, LimitsAnswerWithTheFittingStatus) {
  EXPECT_EQ(feed("GET /" + std::string(200, 'a') + " HTTP/1.1\r\n\r\n").error, 414);
  parser.reset();
  EXPECT_EQ(feed("GET / HTTP/1.1\r\nX: " + std::string(2000, 'v') + "\r\n\r\n").error, 431);
  parser.reset();
  std::string many = "GET / HTTP/1.1\r\n";
  for (int i = 0; i < 40; ++i) many += "H" + std::to_string(i) + ": v\r\n";
  EXPECT_EQ(feed(many + "\r\n").error, 431);
  parser.reset();
  std::string big = "GET / HTTP/1.1\r\n";
  for (int i = 0; i < 30; ++i) big += "H" + std::to_string(i) + ": " + std::string(200, 'v') + "\r\n";
  EXPECT_EQ(feed(big + "\r\n").error, 431);
  parser.reset();
  EXPECT_EQ(feed("POST / HTTP/1.1\r\nContent-Length: 5000\r\n\r\n").error, 413);
  parser.reset();
  EXPECT_EQ(feed("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n").error, 413);
  parser.reset();
  EXPECT_EQ(feed("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").error, 501);
  parser.reset();
  EXPECT_EQ(feed("GET / HTTP/2.0\r\n\r\n").error, 505);
}

TEST_F(Parser, MalformedRequestsAre400) {
  const char* bad[] = {
      "GET\r\n\r\n",
      "GET / \r\n\r\n",
      "GET  / HTTP/1.1\r\n\r\n",
      "GET nopath HTTP/1.1\r\n\r\n",
      "GET / HTTP/1.1\r\nNoColon\r\n\r\n",
      "GET / HTTP/1.1\r\n Folded: x\r\n\r\n",
      "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n",
      "GET / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n",
      "GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
      "GET / HTTP/1.1\rX\n\r\n",
      "GE(T / HTTP/1.1\r\n\r\n",
      "GET /\x01 HTTP/1.1\r\n\r\n",
      "GET / HTTX/1.1\r\n\r\n",
  };
  for (const char* text : bad) {
    parser.reset();
    EXPECT_EQ(feed(text).error, 400) << text;
  }
  parser.reset();
  EXPECT_EQ(feed(std::string("GET / HTTP/1.1\r\nA: b\0c\r\n\r\n", 27)).error, 400);
}

TEST_F(Parser, ErrorIsSticky) {
  feed("BAD\r\n");
  const std::uint8_t more[] = {'x'};
  EXPECT_EQ(parser.feed(more, 1).status, HttpRequestParser::Status::Error);
}

HttpRequestParser::Result feed_text(HttpRequestParser& parser, const std::string& text) {
  return parser.feed(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
}

TEST(SharedBody, OneBodyAtATimeAndFreeAgainOnceHandled) {
  char body[16];
  SharedBody shared{body, sizeof body, nullptr};
  char target_a[64];
  char target_b[64];
  HttpLimits limits;
  limits.max_body = sizeof body;  // as the setup server sets it
  HttpRequestParser a(target_a, sizeof target_a, limits, &shared);
  HttpRequestParser b(target_b, sizeof target_b, limits, &shared);
  // a's body is arriving: the buffer is a's, and b's body is refused with 503.
  EXPECT_EQ(feed_text(a, "POST /x HTTP/1.1\r\nContent-Length: 10\r\n\r\n01234").status,
            HttpRequestParser::Status::NeedMore);
  EXPECT_EQ(feed_text(b, "POST /y HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc").status,
            HttpRequestParser::Status::Error);
  EXPECT_EQ(b.error_status(), 503);
  // A request without a body does not need it.
  b.reset();
  EXPECT_EQ(feed_text(b, "GET /z HTTP/1.1\r\n\r\n").status, HttpRequestParser::Status::Complete);
  EXPECT_EQ(feed_text(a, "56789").status, HttpRequestParser::Status::Complete);
  EXPECT_EQ(a.body(), "0123456789");
  a.release_body();
  EXPECT_EQ(a.body(), "");  // released: the bytes may be another request's now
  b.reset();
  EXPECT_EQ(feed_text(b, "POST /y HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc").status,
            HttpRequestParser::Status::Complete);
  EXPECT_EQ(b.body(), "abc");
  // Larger than the shared buffer: 413, and the buffer stays free.
  b.reset();
  EXPECT_EQ(feed_text(b, "POST /y HTTP/1.1\r\nContent-Length: 17\r\n\r\n").status,
            HttpRequestParser::Status::Error);
  EXPECT_EQ(b.error_status(), 413);
  EXPECT_EQ(shared.holder, nullptr);
}

}  // namespace
}  // namespace onboard::device
