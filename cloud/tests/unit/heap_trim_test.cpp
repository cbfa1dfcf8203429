// The server's heap-trim policy: trim once a burst of connections is over, not during it.
#include <gtest/gtest.h>

#include "onboard/cloud/net/heap_trim.hpp"

namespace onboard::cloud::net {
namespace {

using namespace std::chrono_literals;

TEST(HeapTrim, WaitsForAQuietSecondAfterABurst) {
  HeapTrimPolicy policy;
  auto t = HeapTrimPolicy::Clock::time_point{} + 1h;
  EXPECT_FALSE(policy.due(0, t));         // the start
  EXPECT_TRUE(policy.due(10, t += 1s));   // a few connections: quiet at once
  EXPECT_FALSE(policy.due(10, t += 1s));  // nothing new: nothing to give back
  EXPECT_FALSE(policy.due(5'010, t += 1s));
  EXPECT_FALSE(policy.due(10'010, t += 1s));
  EXPECT_TRUE(policy.due(10'020, t += 1s));  // the burst is over
  EXPECT_FALSE(policy.due(10'020, t += 1s));
}

TEST(HeapTrim, TrimsOnceAMinuteDuringALongBurstAndAfterIt) {
  HeapTrimPolicy policy;
  auto t = HeapTrimPolicy::Clock::time_point{} + 1h;
  std::uint64_t activity = 0;
  EXPECT_FALSE(policy.due(activity, t));
  int trims = 0;
  for (int s = 1; s <= 90; ++s) trims += policy.due(activity += 1'000, t += 1s) ? 1 : 0;
  EXPECT_EQ(trims, 1);                         // at the 60th second
  EXPECT_TRUE(policy.due(activity, t += 1s));  // and once it is over
  EXPECT_FALSE(policy.due(activity, t += 1s));
}

}  // namespace
}  // namespace onboard::cloud::net
