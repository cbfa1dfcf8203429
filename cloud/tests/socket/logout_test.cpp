// POST /api/v1/logout over real sockets: the session ends at once, other
// sessions of the same user go on, and the session's event stream closes.
#include <gtest/gtest.h>

#include "support/cloud_fixture.hpp"
#include "support/connection.hpp"

namespace onboard::cloud::test {
namespace {

using namespace std::chrono_literals;

class Logout : public CloudTest {};

TEST_P(Logout, EndsThisSessionAtOnceAndNoOther) {
  auto second = client();
  second.bearer = sign_in("admin@example.com", "admin-password");
  ASSERT_FALSE(second.bearer.empty());
  auto r = api.request("POST", "/api/v1/logout");
  EXPECT_EQ(r.status, 204) << r.body;
  EXPECT_EQ(api.get("/api/v1/templates").status, 401);
  EXPECT_EQ(api.request("POST", "/api/v1/logout").status, 401);
  EXPECT_EQ(second.get("/api/v1/templates").status, 200);
  EXPECT_EQ(client().request("POST", "/api/v1/logout").status, 401);
  EXPECT_EQ(second.get("/api/v1/logout").status, 405);
}

TEST_P(Logout, ClosesTheSessionsEventStreamWithSignedOut) {
  Connection stream;
  ASSERT_TRUE(stream.open(endpoint(), tls()));
  ASSERT_TRUE(stream.write_all("GET /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                               api.bearer + "\r\n\r\n"));
  std::string text;
  char buf[4096];
  auto read_until = [&](const std::string& needle) {
    return eventually([&] {
      const long n = stream.read_some(buf, sizeof buf, 50ms);
      if (n > 0) text.append(buf, static_cast<std::size_t>(n));
      return text.find(needle) != std::string::npos;
    });
  };
  ASSERT_TRUE(read_until("event: ready")) << text;
  ASSERT_EQ(api.request("POST", "/api/v1/logout").status, 204);
  ASSERT_TRUE(read_until("event: signed-out")) << text;  // long before the 15 s keep-alive re-check
  EXPECT_TRUE(eventually([&] { return stream.read_some(buf, sizeof buf, 50ms) < 0; }));  // then closed
}

INSTANTIATE_TEST_SUITE_P(Transports, Logout, ::testing::Values(false, true), transport_name);

}  // namespace
}  // namespace onboard::cloud::test
