// Messages between nodes through a real Redis: to one node, to all, to a node nobody
// holds (refused at once), and the bus coming back by itself after Redis restarts.
#include "onboard/cloud/cluster/redis_bus.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <vector>

#include "onboard/test/waits.hpp"
#include "support/redis_server.hpp"

namespace onboard::cloud {
namespace {

using namespace std::chrono_literals;

struct Inbox {
  std::mutex mutex;
  std::vector<std::string> messages;
  RedisBus::Handler handler() {
    return [this](const std::string& m) {
      std::lock_guard lock(mutex);
      messages.push_back(m);
    };
  }
  bool has(const std::string& m) {
    std::lock_guard lock(mutex);
    for (const auto& x : messages)
      if (x == m) return true;
    return false;
  }
};

TEST(RedisUrl, ReadsHostPortPasswordAndDatabase) {
  auto a = parse_redis_url("redis://:s3cret@10.0.0.5:6380/2");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->host, "10.0.0.5");
  EXPECT_EQ(a->port, 6380);
  EXPECT_EQ(a->password, "s3cret");
  EXPECT_EQ(a->database, 2);
  auto plain = parse_redis_url("redis://cache");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->host, "cache");
  EXPECT_EQ(plain->port, 6379);
  EXPECT_FALSE(parse_redis_url("http://cache"));
  EXPECT_FALSE(parse_redis_url("redis://cache:99999"));
  EXPECT_FALSE(parse_redis_url("redis://cache:6379/x"));
}

class RedisBusTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(redis.start()) << redis.error(); }
  RedisAddress address() const { return *parse_redis_url(redis.url()); }
  test::RedisServer redis;
};

TEST_F(RedisBusTest, DeliversToOneNodeToAllAndRefusesANodeNobodyIs) {
  Inbox a_in, b_in;
  RedisBus a(address(), "a", a_in.handler());
  RedisBus b(address(), "b", b_in.handler());
  a.start();
  b.start();
  ASSERT_TRUE(onboard::test::eventually([&] { return a.listening() && b.listening(); }, 10s));

  EXPECT_EQ(a.send("b", "for b"), RedisBus::Delivery::Delivered);
  EXPECT_TRUE(onboard::test::eventually([&] { return b_in.has("for b"); }, 5s));
  EXPECT_FALSE(a_in.has("for b"));

  EXPECT_EQ(b.send("", "for all"), RedisBus::Delivery::Delivered);
  EXPECT_TRUE(onboard::test::eventually([&] { return a_in.has("for all") && b_in.has("for all"); }, 5s));

  EXPECT_EQ(a.send("c", "for nobody"), RedisBus::Delivery::NoListener);
}

TEST_F(RedisBusTest, AnswersUnavailableWhileRedisIsDownAndListensAgainAfter) {
  Inbox b_in;
  std::atomic<int> lost{0};
  RedisBus a(address(), "a", [](const std::string&) {});
  RedisBus b(address(), "b", b_in.handler(), [&](bool up) {
    if (!up) ++lost;
  });
  a.start();
  b.start();
  ASSERT_TRUE(onboard::test::eventually([&] { return a.listening() && b.listening(); }, 10s));

  ASSERT_TRUE(redis.stop(true));
  EXPECT_EQ(a.send("b", "lost"), RedisBus::Delivery::Unavailable);
  EXPECT_TRUE(onboard::test::eventually([&] { return !b.listening(); }, 5s));
  EXPECT_GE(lost.load(), 1);

  ASSERT_TRUE(redis.start()) << redis.error();
  ASSERT_TRUE(onboard::test::eventually([&] { return b.listening(); }, 10s));
  EXPECT_TRUE(
      onboard::test::eventually([&] { return a.send("b", "back") == RedisBus::Delivery::Delivered; }, 5s));
  EXPECT_TRUE(onboard::test::eventually([&] { return b_in.has("back"); }, 5s));
}

}  // namespace
}  // namespace onboard::cloud
