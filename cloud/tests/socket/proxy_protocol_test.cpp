// --proxy-protocol: each connection starts with HAProxy's PROXY v2 header (written here
// byte by byte), and the node counts its per-IP limits by the address in it, not by the
// proxy's; LOCAL (HAProxy's health checks) keeps the socket's peer; a connection without
// a valid header is closed before anything of it is read as HTTP or device protocol.
#include <arpa/inet.h>
#include <gtest/gtest.h>

#include "onboard/test/waits.hpp"
#include "support/connection.hpp"
#include "support/server_process.hpp"

namespace onboard::cloud::test {
namespace {

using namespace std::chrono_literals;

std::string proxy_v2(const char* source) {
  std::string h("\r\n\r\n\0\r\nQUIT\n", 12);
  h += '\x21';  // version 2, PROXY
  h += '\x11';  // INET, STREAM
  h += std::string("\0\x0c", 2);
  in_addr src{}, dst{};
  inet_pton(AF_INET, source, &src);
  inet_pton(AF_INET, "10.0.0.1", &dst);
  h.append(reinterpret_cast<const char*>(&src), 4);
  h.append(reinterpret_cast<const char*>(&dst), 4);
  h += std::string("\xc3\x50\x1f\x90", 4);  // ports 50000 -> 8080
  return h;
}

std::string proxy_v2_local() {
  std::string h("\r\n\r\n\0\r\nQUIT\n", 12);
  h += '\x20';
  h += std::string("\0\0\0", 3);
  return h;
}

constexpr const char* kHealth = "GET /healthz HTTP/1.1\r\nHost: node\r\nConnection: close\r\n\r\n";

// What the node answers to these bytes (empty: it closed without answering).
std::string answer(const std::string& endpoint, const std::string& bytes) {
  Connection c;
  if (!c.open(endpoint, false) || !c.write_all(bytes)) return "no connection";
  std::string out;
  char buf[512];
  for (;;) {
    const long n = c.read_some(buf, sizeof buf, 3000ms);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

// True when the node closes this connection (after the header) within a short while.
bool refused(const std::string& endpoint, const std::string& header) {
  Connection c;
  if (!c.open(endpoint, false) || !c.write_all(header)) return true;
  char buf[16];
  return c.read_some(buf, sizeof buf, 700ms) < 0;
}

class ProxyProtocol : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(node.start(
        {"--proxy-protocol", "--max-prelogin-per-ip", "1", "--max-new-connections-per-ip", "1000"}))
        << node.log();
  }
  ServerProcess node;
};

TEST_F(ProxyProtocol, RequestsAfterTheHeaderAreServed) {
  EXPECT_EQ(answer(node.plain(), proxy_v2("203.0.113.7") + kHealth).rfind("HTTP/1.1 200", 0), 0u);
  EXPECT_EQ(answer(node.plain(), proxy_v2_local() + kHealth).rfind("HTTP/1.1 200", 0), 0u);
}

TEST_F(ProxyProtocol, PerAddressLimitsCountTheAddressInTheHeader) {
  // One connection from 203.0.113.7 waits for its login: the limit for that address is reached...
  Connection waiting;
  ASSERT_TRUE(waiting.open(node.plain(), false));
  ASSERT_TRUE(waiting.write_all(proxy_v2("203.0.113.7")));
  EXPECT_TRUE(onboard::test::eventually([&] { return refused(node.plain(), proxy_v2("203.0.113.7")); }, 5s));
  // ...while another address behind the same proxy (the same socket peer) is served.
  EXPECT_EQ(answer(node.plain(), proxy_v2("198.51.100.9") + kHealth).rfind("HTTP/1.1 200", 0), 0u);
}

TEST_F(ProxyProtocol, AConnectionWithoutTheHeaderIsClosedUnread) {
  EXPECT_EQ(answer(node.plain(), kHealth), "");
  EXPECT_NE(node.log().find("without a valid PROXY v2 header"), std::string::npos) << node.log();
}

}  // namespace
}  // namespace onboard::cloud::test
