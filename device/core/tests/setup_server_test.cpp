// The setup server over the fake network: keep-alive, several clients in turn,
// limits and malformed requests, captive-portal probes, the page and the JSON.
#include <gtest/gtest.h>

#include "onboard/device/testing/world.hpp"

namespace onboard::device {
namespace {

using testing::World;

// Every status line's reason phrase is printable text (HTTP clients such as Beast
// refuse a reason with control bytes, which an octal escape once slipped in).
TEST(HttpReason, EveryStatusTheDeviceSendsHasItsPlainReasonPhrase) {
  EXPECT_EQ(http_reason(200), "OK");
  EXPECT_EQ(http_reason(204), "No Content");
  EXPECT_EQ(http_reason(302), "Found");
  EXPECT_EQ(http_reason(400), "Bad Request");
  EXPECT_EQ(http_reason(401), "Unauthorized");
  EXPECT_EQ(http_reason(403), "Forbidden");
  EXPECT_EQ(http_reason(404), "Not Found");
  EXPECT_EQ(http_reason(405), "Method Not Allowed");
  EXPECT_EQ(http_reason(408), "Request Timeout");
  EXPECT_EQ(http_reason(413), "Content Too Large");
  EXPECT_EQ(http_reason(414), "URI Too Long");
  EXPECT_EQ(http_reason(423), "Locked");
  EXPECT_EQ(http_reason(431), "Request Header Fields Too Large");
  EXPECT_EQ(http_reason(500), "Internal Server Error");
  EXPECT_EQ(http_reason(501), "Not Implemented");
  EXPECT_EQ(http_reason(503), "Service Unavailable");
  EXPECT_EQ(http_reason(505), "HTTP Version Not Supported");
  EXPECT_EQ(http_reason(299), "Unknown");
}

class Server : public ::testing::Test {
 protected:
  void SetUp() override {
    w.wifi.add("Home \"quoted\" <net>", "password1");
    w.boot();
    w.run_for(300);  // the first scan
  }
  World w;
};

TEST_F(Server, KeepAliveServesSeveralRequestsOnOneConnection) {
  auto pipe = w.net.dial(80);
  const auto first = w.http_raw("GET /board_info.json HTTP/1.1\r\nHost: x\r\n\r\n", pipe);
  EXPECT_EQ(first.status, 200);
  EXPECT_FALSE(first.closed);
  const auto second = w.http_raw("GET /wifi_scan.json HTTP/1.1\r\nHost: x\r\n\r\n", pipe);
  EXPECT_EQ(second.status, 200);
  EXPECT_NE(second.body.find("Home \\\"quoted\\\" <net>"), std::string::npos);
  const auto third = w.http_raw("GET /nothing.json HTTP/1.1\r\nConnection: close\r\n\r\n", pipe);
  EXPECT_EQ(third.status, 404);
  EXPECT_TRUE(third.closed);
}

TEST_F(Server, PipelinedRequestsAreAnsweredInOrder) {
  auto pipe = w.net.dial(80);
  pipe->to_device =
      "GET /connect_status.json HTTP/1.1\r\n\r\nGET /board_info.json HTTP/1.1\r\nConnection: close\r\n\r\n";
  w.run_for(200);
  const std::string& out = pipe->from_device;
  const auto a = out.find("\"state\":\"idle\"");
  const auto b = out.find("\"tmpl_id\"");
  ASSERT_NE(a, std::string::npos);
  ASSERT_NE(b, std::string::npos);
  EXPECT_LT(a, b);
  EXPECT_TRUE(pipe->device_closed);
}

TEST_F(Server, SeveralClientsInTurnAndAnIdleOneMakesRoom) {
  std::vector<std::shared_ptr<testing::Pipe>> idle;
  for (std::size_t i = 0; i < kHttpClients; ++i) {
    idle.push_back(w.net.dial(80));
    w.run_for(10);
  }
  // Every slot holds an idle keep-alive client; a newcomer still gets served.
  EXPECT_EQ(w.get("/board_info.json").status, 200);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(w.get("/connect_status.json").status, 200);
  // Idle clients time out and free their slots.
  w.run_for(SetupServer::kIdleTimeoutMs + 100);
  for (auto& p : idle) EXPECT_TRUE(p->device_closed);
}

TEST_F(Server, LimitsAndMalformedRequests) {
  EXPECT_EQ(w.http_raw("GET /" + std::string(kHttpTargetBytes, 'a') + " HTTP/1.1\r\n\r\n").status, 414);
  EXPECT_EQ(w.http_raw("GET / HTTP/1.1\r\nX: " + std::string(5000, 'b') + "\r\n\r\n").status, 431);
  EXPECT_EQ(w.http_raw("POST / HTTP/1.1\r\nContent-Length: 100000\r\n\r\n").status, 413);
  EXPECT_EQ(w.http_raw("garbage\r\n\r\n").status, 400);
  EXPECT_EQ(w.http_raw("POST /reset HTTP/1.1\r\nContent-Length: 0\r\n\r\n").status, 405);
  const auto head = w.http_raw("HEAD /board_info.json HTTP/1.1\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty() || head.body.find("tmpl_id") == std::string::npos);
  // Errors close the connection; the server goes on serving.
  EXPECT_EQ(w.get("/board_info.json").status, 200);
  w.run_for(SetupServer::kIdleTimeoutMs + 100);  // the keep-alive 405 client idles out
  EXPECT_EQ(w.net.open_handles(), 2u);           // listener + DNS socket: nothing leaked
}

TEST_F(Server, SlowClientsAreServedAByteAtATime) {
  auto pipe = w.net.dial(80);
  pipe->send_window = 7;
  const std::string request = "GET / HTTP/1.1\r\nConnection: close\r\n\r\n";
  for (char c : request) {
    pipe->to_device += c;
    w.run_for(1);
  }
  w.run_for(2000);
  testing::HttpReply reply;
  ASSERT_TRUE(World::parse(pipe->from_device, reply));
  EXPECT_EQ(reply.status, 200);
  EXPECT_NE(reply.body.find("<form method=\"get\" action=\"/config\">"), std::string::npos);
  EXPECT_NE(reply.body.find("Home &quot;quoted&quot; &lt;net&gt;"), std::string::npos);
  EXPECT_EQ(reply.body.find("<script"), std::string::npos);
}

TEST_F(Server, CaptivePortalProbesAreRedirectedToTheSetupPage) {
  const auto reply = w.get("/generate_204");
  EXPECT_EQ(reply.status, 302);
  EXPECT_NE(reply.headers.find("Location: http://192.168.4.1/"), std::string::npos);
}

TEST_F(Server, EveryRequestIsLoggedOnce) {
  w.get("/board_info.json");
  EXPECT_TRUE(w.system.logged("setup: GET /board_info.json -> 200"));
  w.get("/missing.json");
  EXPECT_TRUE(w.system.logged("setup: GET /missing.json -> 404"));
}

// Field pain 3: the captive DNS sends every site to the board, so any page a
// browser opens must lead to the setup form; unknown API paths stay 404.
TEST_F(Server, AnyPageRedirectsToSetupButUnknownApiIsNotFound) {
  const auto page = w.get("/world/article?id=7");
  EXPECT_EQ(page.status, 302);
  EXPECT_NE(page.headers.find("Location: http://192.168.4.1/"), std::string::npos);
  EXPECT_EQ(w.get("/unknown.json").status, 404);
}

TEST_F(Server, DnsAnswersWhileTheApIsUp) {
  const unsigned char raw[] = {0x12, 0x34, 1,   0,   0,   1, 0,   0,   0,   0, 0, 0, 3, 'w', 'w',
                               'w',  3,    'f', 'o', 'o', 3, 'c', 'o', 'm', 0, 0, 1, 0, 1};
  const std::string q(reinterpret_cast<const char*>(raw), sizeof raw);
  w.net.send_datagram(q);
  w.run_for(50);
  ASSERT_EQ(w.net.datagrams_out.size(), 1u);
  EXPECT_EQ(w.net.datagrams_out[0].substr(w.net.datagrams_out[0].size() - 4),
            std::string("\xC0\xA8\x04\x01", 4));
}

}  // namespace
}  // namespace onboard::device
