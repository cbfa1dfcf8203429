#include "onboard/device/ports/nm/child_process.hpp"

#include <gtest/gtest.h>

#include "onboard/device/ports/testing/wait_for.hpp"

namespace onboard::port {
namespace {

using testing::wait_for;

TEST(ChildProcess, CollectsOutputAndExitCodeWithoutBlocking) {
  ChildProcess child;
  ASSERT_TRUE(child.start({"sh", "-c", "printf 'out:%s' \"$0\"; echo err >&2; exit 3", "a b"}));
  EXPECT_TRUE(child.running());
  ASSERT_TRUE(wait_for(
      [&] {
        child.pump();
        return child.finished();
      },
      {&child}));
  EXPECT_EQ(child.exit_code(), 3);
  EXPECT_EQ(child.output(), "out:a b");
  EXPECT_EQ(child.error_output(), "err\n");
}

TEST(ChildProcess, LargeOutputIsNotLost) {
  ChildProcess child;
  ASSERT_TRUE(child.start({"sh", "-c", "head -c 300000 /dev/zero"}));
  ASSERT_TRUE(wait_for(
      [&] {
        child.pump();
        return child.finished();
      },
      {&child}));
  EXPECT_EQ(child.output().size(), 300000u);
  EXPECT_EQ(child.exit_code(), 0);
}

TEST(ChildProcess, MissingProgramFailsAtOnceWithAReason) {
  ChildProcess child;
  EXPECT_FALSE(child.start({"/nonexistent/nmcli"}));
  EXPECT_TRUE(child.finished());
  EXPECT_EQ(child.exit_code(), 127);
  EXPECT_NE(child.error_output().find("/nonexistent/nmcli"), std::string::npos);
}

TEST(ChildProcess, DestroyingARunningChildStopsIt) {
  auto child = std::make_unique<ChildProcess>();
  ASSERT_TRUE(child->start({"sleep", "30"}));
  child.reset();  // must return promptly: SIGTERM + reap
  SUCCEED();
}

}  // namespace
}  // namespace onboard::port
