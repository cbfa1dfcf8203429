#include <gtest/gtest.h>

#include <string>

#include "onboard/protocol/ota/download.hpp"

namespace onboard::ota {
namespace {

TEST(OtaUrl, TakesHttpUrlsApart) {
  DownloadUrl u;
  ASSERT_TRUE(parse_url("http://cloud.local:8080/api/v1/ota/f1?token=abc", u));
  EXPECT_FALSE(u.tls);
  EXPECT_EQ(u.host, "cloud.local");
  EXPECT_EQ(u.port, 8080);
  EXPECT_EQ(u.target, "/api/v1/ota/f1?token=abc");
  ASSERT_TRUE(parse_url("HTTPS://10.0.0.1", u));
  EXPECT_TRUE(u.tls);
  EXPECT_EQ(u.port, 443);
  EXPECT_EQ(u.target, "/");
  ASSERT_TRUE(parse_url("http://h/", u));
  EXPECT_EQ(u.port, 80);
}

TEST(OtaUrl, RefusesWhatItCannotFetch) {
  DownloadUrl u;
  for (const char* bad :
       {"", "ftp://h/x", "http://", "http://:80/", "http://h:0/", "http://h:65536/", "http://h:8x/",
        "http://user@h/", "http://[::1]/", "http://h/a b", "http://h?x", "//h/x"}) {
    EXPECT_FALSE(parse_url(bad, u)) << bad;
  }
}

TEST(OtaDownload, RangeRequestResumesAtTheOffset) {
  DownloadUrl u;
  ASSERT_TRUE(parse_url("http://cloud:8080/ota/1?t=x", u));
  char buf[256];
  std::size_t n = write_range_request(u, 4096, buf, sizeof buf);
  EXPECT_EQ(std::string(buf, n),
            "GET /ota/1?t=x HTTP/1.1\r\nHost: cloud:8080\r\nRange: bytes=4096-\r\nConnection: close\r\n\r\n");
  ASSERT_TRUE(parse_url("http://cloud/ota/1", u));
  n = write_range_request(u, 0, buf, sizeof buf);
  EXPECT_EQ(std::string(buf, n), "GET /ota/1 HTTP/1.1\r\nHost: cloud\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(write_range_request(u, 0, buf, 20), 0u);
}

ResponseHeadReader::Status feed_all(ResponseHeadReader& r, const std::string& text, std::size_t chunk,
                                    std::size_t& used) {
  used = 0;
  ResponseHeadReader::Status s = ResponseHeadReader::Status::need_more;
  while (used < text.size() && s == ResponseHeadReader::Status::need_more) {
    const std::size_t n = std::min(chunk, text.size() - used);
    std::size_t consumed = 0;
    s = r.feed(reinterpret_cast<const std::uint8_t*>(text.data() + used), n, consumed);
    used += consumed;
  }
  return s;
}

TEST(OtaDownload, ReadsAPartialContentHeadInAnyChunking) {
  const std::string head =
      "HTTP/1.1 206 Partial Content\r\nServer: x\r\ncontent-range: bytes 100-999/1000\r\n"
      "Content-Length: 900\r\nX-MD5: 0123\r\n\r\n";
  for (std::size_t chunk : {1u, 3u, 64u, 1000u}) {
    ResponseHeadReader r;
    std::size_t used = 0;
    ASSERT_EQ(feed_all(r, head + "BODY", chunk, used), ResponseHeadReader::Status::done) << chunk;
    EXPECT_EQ(used, head.size());
    EXPECT_EQ(r.head().status, 206);
    EXPECT_TRUE(r.head().has_range);
    EXPECT_EQ(r.head().range_first, 100u);
    EXPECT_EQ(r.head().range_last, 999u);
    EXPECT_TRUE(r.head().has_total);
    EXPECT_EQ(r.head().range_total, 1000u);
    EXPECT_EQ(r.head().content_length, 900u);
    EXPECT_FALSE(r.head().chunked);
  }
}

TEST(OtaDownload, SkipsLongHeadersItDoesNotRead) {
  ResponseHeadReader r;
  std::size_t used = 0;
  const std::string head =
      "HTTP/1.1 200 OK\r\nX-Long: " + std::string(1000, 'a') + "\r\nContent-Length: 5\r\n\r\n";
  ASSERT_EQ(feed_all(r, head, 7, used), ResponseHeadReader::Status::done);
  EXPECT_EQ(r.head().status, 200);
  EXPECT_EQ(r.head().content_length, 5u);
}

TEST(OtaDownload, RefusesBrokenOrUnboundedHeads) {
  const std::string bad[] = {
      "HTTP/1.1 20 OK\r\n\r\n",
      "ICY 200 OK\r\n\r\n",
      "HTTP/1.1 200 OK\nContent-Length: 1\n\n",
      "\r\n",
      "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
      "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
      "HTTP/1.1 206 OK\r\nContent-Range: bytes 9-3/10\r\n\r\n",
      "HTTP/1.1 206 OK\r\nContent-Range: bytes 0-10/10\r\n\r\n",
      "HTTP/1.1 206 OK\r\nContent-Range: items 0-1/10\r\n\r\n",
      "HTTP/1.1 200 OK\r\nContent-Length: " + std::string(200, '1') + "\r\n\r\n",
      "HTTP/1.1 200 OK\r\nX: " + std::string(9000, 'a') + "\r\n\r\n",
  };
  for (const std::string& text : bad) {
    ResponseHeadReader r;
    std::size_t used = 0;
    EXPECT_EQ(feed_all(r, text, 5, used), ResponseHeadReader::Status::error) << text.substr(0, 60);
  }
}

TEST(OtaDownload, NotesChunkedBodies) {
  ResponseHeadReader r;
  std::size_t used = 0;
  ASSERT_EQ(feed_all(r, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", 100, used),
            ResponseHeadReader::Status::done);
  EXPECT_TRUE(r.head().chunked);
  EXPECT_FALSE(r.head().has_length);
}

}  // namespace
}  // namespace onboard::ota
