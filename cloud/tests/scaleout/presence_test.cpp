// Device presence across nodes in a real Redis: one holder per device, the later login
// wins and learns whom to drop, and a node that stops beating takes its devices offline.
#include "onboard/cloud/cluster/presence.hpp"

#include <gtest/gtest.h>

#include "onboard/test/waits.hpp"
#include "support/redis_server.hpp"

namespace onboard::cloud {
namespace {

using namespace std::chrono_literals;

class PresenceTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(redis.start()) << redis.error(); }
  RedisAddress address() const { return *parse_redis_url(redis.url()); }
  test::RedisServer redis;
};

TEST_F(PresenceTest, TheLaterClaimWinsAndNamesTheNodeToDrop) {
  RedisConnection ra(address()), rb(address());
  Presence a(ra, "a", 30s), b(rb, "b", 30s);
  ASSERT_TRUE(a.beat());
  ASSERT_TRUE(b.beat());

  EXPECT_EQ(a.claim(7), std::string());
  EXPECT_EQ(b.holder(7), "a");
  EXPECT_EQ(b.claim(7), "a");  // b now holds it; a must drop its connection
  EXPECT_EQ(a.holder(7), "b");
  EXPECT_EQ(b.claim(7), std::string());  // a second login on the same node: nothing to drop

  ASSERT_TRUE(a.release(7));  // a's late release must not take b's device offline
  EXPECT_EQ(a.holder(7), "b");
  ASSERT_TRUE(b.release(7));
  EXPECT_EQ(a.holder(7), std::string());

  a.claim(1);
  b.claim(2);
  auto all = a.holders({1, 2, 3});
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 2u);
  EXPECT_EQ(all->at(1), "a");
  EXPECT_EQ(all->at(2), "b");
}

TEST_F(PresenceTest, ANodeThatStopsBeatingTakesItsDevicesOfflineEverywhere) {
  RedisConnection ra(address()), rb(address());
  Presence dying(ra, "dying", 1500ms), other(rb, "other", 30s);
  ASSERT_TRUE(dying.beat());
  dying.claim(5);
  EXPECT_EQ(other.holder(5), "dying");
  // No more beats: within its alive time the device shows offline on every node.
  EXPECT_TRUE(onboard::test::eventually([&] { return other.holder(5) == std::string(); }, 10s));
  ASSERT_TRUE(dying.beat());  // back (e.g. a pause, not a death): online again
  EXPECT_EQ(other.holder(5), "dying");
}

TEST_F(PresenceTest, AnswersNothingWhileRedisIsDown) {
  RedisConnection r(address());
  Presence p(r, "a", 30s);
  ASSERT_TRUE(p.beat());
  ASSERT_TRUE(redis.stop(true));
  EXPECT_FALSE(p.beat());
  EXPECT_FALSE(p.claim(1));
  EXPECT_FALSE(p.holders({1}));
  ASSERT_TRUE(redis.start()) << redis.error();
  EXPECT_TRUE(p.beat());
  EXPECT_EQ(p.claim(1), std::string());
}

}  // namespace
}  // namespace onboard::cloud
