// The access point's lifecycle on its own: one state, and what each event makes of it.
#include "onboard/device/access_point.hpp"

#include <gtest/gtest.h>

namespace onboard::device {
namespace {

using Mode = AccessPoint::Mode;

TEST(AccessPoint, OpensForSetupOrWhileOfflineAndCloses) {
  AccessPoint ap;
  EXPECT_FALSE(ap.up());
  EXPECT_EQ(ap.on_online(), AccessPoint::OnOnline::nothing);
  ap.opened(Mode::setup);
  EXPECT_EQ(ap.mode(), Mode::setup);
  EXPECT_EQ(ap.on_online(), AccessPoint::OnOnline::linger);
  ap.closed();
  ap.opened(Mode::offline);
  EXPECT_EQ(ap.mode(), Mode::offline);
  EXPECT_EQ(ap.on_online(), AccessPoint::OnOnline::close_now);
  // Asked for again by setup (a reset, the button): it stays, and no longer for offline.
  ap.opened(Mode::setup);
  EXPECT_EQ(ap.on_online(), AccessPoint::OnOnline::linger);
}

TEST(AccessPoint, LingersUntilItsTimeUnlessSomeoneWantsItAgain) {
  AccessPoint ap;
  ap.linger(1000);
  EXPECT_FALSE(ap.up());  // a closed AP does not start lingering
  ap.opened(Mode::setup);
  ap.linger(1000);
  EXPECT_EQ(ap.mode(), Mode::lingering);
  EXPECT_EQ(ap.close_at(), 1000u);
  EXPECT_FALSE(ap.due_to_close(999));
  EXPECT_TRUE(ap.due_to_close(1000));
  EXPECT_EQ(ap.on_online(), AccessPoint::OnOnline::nothing);
  ap.cancel_linger();
  EXPECT_EQ(ap.mode(), Mode::setup);
  EXPECT_EQ(ap.close_at(), 0u);
  EXPECT_FALSE(ap.due_to_close(5000));
  ap.linger(2000);
  ap.opened(Mode::setup);  // open_ap() outranks a pending linger
  EXPECT_FALSE(ap.due_to_close(5000));
}

TEST(AccessPoint, ASavedConfigurationOnTrialClosesItOnceOnline) {
  AccessPoint ap;
  ap.opened(Mode::setup);
  ap.close_when_online();
  EXPECT_EQ(ap.mode(), Mode::offline);
  EXPECT_EQ(ap.on_online(), AccessPoint::OnOnline::close_now);
  AccessPoint closed;
  closed.close_when_online();
  EXPECT_FALSE(closed.up());
}

TEST(AccessPoint, ARefusingRadioIsRetriedLater) {
  AccessPoint ap;
  EXPECT_TRUE(ap.may_retry(0));
  ap.refused(100);
  EXPECT_FALSE(ap.may_retry(100 + AccessPoint::kRetryMs - 1));
  EXPECT_TRUE(ap.may_retry(100 + AccessPoint::kRetryMs));
}

}  // namespace
}  // namespace onboard::device
