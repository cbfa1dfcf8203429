// A command for a device held by another node, through a real Redis: answered by that
// node, or 503 with a reason at once when no node listens, after the timeout when it
// does not answer, and while Redis is down.
#include "onboard/cloud/cluster/relay.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "onboard/test/waits.hpp"
#include "support/redis_server.hpp"

namespace onboard::cloud {
namespace {

using namespace std::chrono_literals;

class RelayTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(redis.start()) << redis.error(); }
  RedisAddress address() const { return *parse_redis_url(redis.url()); }
  test::RedisServer redis;
};

TEST_F(RelayTest, TheHoldingNodeAnswersTheCommand) {
  std::atomic<Id> seen{0};
  Relay a(address(), "a", [](const DeviceCommand&) { return RelayAnswer{500, "a holds nothing"}; });
  Relay b(address(), "b", [&](const DeviceCommand& c) {
    seen = c.device;
    return c.kind == "write" && c.body == "V1=5" ? RelayAnswer{200, ""} : RelayAnswer{400, "unexpected"};
  });
  a.start();
  b.start();
  ASSERT_TRUE(onboard::test::eventually([&] { return a.listening() && b.listening(); }, 10s));
  const auto answer = a.send("b", DeviceCommand{42, "write", "V1=5"});
  EXPECT_EQ(answer.status, 200) << answer.reason;
  EXPECT_EQ(seen.load(), 42);
}

TEST_F(RelayTest, ANodeNobodyRunsIsA503AtOnce) {
  Relay a(
      address(), "a",
      [](const DeviceCommand&) {
        return RelayAnswer{200, ""};
      },
      30s);
  a.start();
  ASSERT_TRUE(onboard::test::eventually([&] { return a.listening(); }, 10s));
  const auto started = std::chrono::steady_clock::now();
  const auto answer = a.send("gone", DeviceCommand{1, "write", ""});
  EXPECT_EQ(answer.status, 503);
  EXPECT_NE(answer.reason.find("not reachable"), std::string::npos) << answer.reason;
  // Not the 30 s timeout: PUBLISH said nobody listens.
  EXPECT_LT(std::chrono::steady_clock::now() - started, 20s);
}

TEST_F(RelayTest, ANodeThatDoesNotAnswerInTimeIsA503) {
  std::atomic<bool> release{false};
  Relay a(
      address(), "a",
      [](const DeviceCommand&) {
        return RelayAnswer{200, ""};
      },
      300ms);
  Relay b(address(), "b", [&](const DeviceCommand&) {
    onboard::test::eventually([&] { return release.load(); }, 10s);  // a node stuck
    return RelayAnswer{200, ""};
  });
  a.start();
  b.start();
  ASSERT_TRUE(onboard::test::eventually([&] { return a.listening() && b.listening(); }, 10s));
  const auto answer = a.send("b", DeviceCommand{1, "write", ""});
  release = true;
  EXPECT_EQ(answer.status, 503);
  EXPECT_NE(answer.reason.find("in time"), std::string::npos) << answer.reason;
}

TEST_F(RelayTest, RedisDownIsA503AndTheRelayWorksAgainWhenItReturns) {
  Relay a(address(), "a", [](const DeviceCommand&) { return RelayAnswer{200, ""}; });
  Relay b(address(), "b", [](const DeviceCommand&) { return RelayAnswer{200, ""}; });
  a.start();
  b.start();
  ASSERT_TRUE(onboard::test::eventually([&] { return a.listening() && b.listening(); }, 10s));
  ASSERT_TRUE(redis.stop(true));
  const auto down = a.send("b", DeviceCommand{1, "write", ""});
  EXPECT_EQ(down.status, 503);
  EXPECT_NE(down.reason.find("Redis"), std::string::npos) << down.reason;
  ASSERT_TRUE(redis.start()) << redis.error();
  EXPECT_TRUE(onboard::test::eventually(
      [&] {
        return a.send("b", DeviceCommand{1, "write", ""}).status == 200;
      },
      10s));
}

}  // namespace
}  // namespace onboard::cloud
