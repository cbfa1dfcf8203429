#include "onboard/device/ports/linux/poller.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include "onboard/device/ports/linux/linux_clock.hpp"

namespace onboard::port {
namespace {

TEST(Poller, ReturnsAtOnceWhenADescriptorIsReady) {
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  ASSERT_EQ(::write(pipe_fds[1], "x", 1), 1);
  Poller poller;
  poller.add(pipe_fds[0], POLLIN);
  poller.add(pipe_fds[0], POLLIN);  // merged, not doubled
  poller.add(-1, POLLIN);           // ignored
  EXPECT_EQ(poller.size(), 1u);
  EXPECT_EQ(poller.wait(10'000), 1);
  EXPECT_TRUE(poller.revents(pipe_fds[0]) & POLLIN);
  EXPECT_EQ(poller.revents(pipe_fds[1]), 0);
  ::close(pipe_fds[0]);
  ::close(pipe_fds[1]);
}

TEST(Poller, NeverSleepsLongerThanTheCap) {
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  Poller poller;
  poller.add(pipe_fds[0], POLLIN);
  const std::uint64_t start = monotonic_ms();
  EXPECT_EQ(poller.wait(60'000), 0);
  // Generous upper bound: a loaded CI machine may wake late, never a minute late.
  EXPECT_LT(monotonic_ms() - start, 2'000u);
  ::close(pipe_fds[0]);
  ::close(pipe_fds[1]);
}

TEST(Poller, WakeNowMeansNoSleepUntilCleared) {
  Poller poller;
  poller.wake_now();
  const std::uint64_t start = monotonic_ms();
  for (int i = 0; i < 100; ++i) poller.wait(Poller::kMaxSleepMs);
  EXPECT_LT(monotonic_ms() - start, static_cast<std::uint64_t>(100 * Poller::kMaxSleepMs / 2));
}

TEST(LinuxClock, StartsNearZeroAndNeverGoesBack) {
  LinuxClock clock;
  std::uint64_t last = clock.now_ms();
  EXPECT_LT(last, 1000u);
  for (int i = 0; i < 1000; ++i) {
    const std::uint64_t now = clock.now_ms();
    EXPECT_GE(now, last);
    last = now;
  }
}

}  // namespace
}  // namespace onboard::port
