#include "onboard/device/ports/linux/linux_system.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <regex>
#include <string>

namespace onboard::port {
namespace {

TEST(LinuxSystem, LogLinesGetATimestampAndANewlineInOneWrite) {
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  LinuxSystem system(0xABCD, {"onboard-device"}, pipe_fds[1]);
  system.log_line("state: WAIT_CONFIG");
  char buffer[128] = {};
  const ssize_t got = ::read(pipe_fds[0], buffer, sizeof buffer - 1);
  ASSERT_GT(got, 0);
  EXPECT_TRUE(
      std::regex_match(std::string(buffer), std::regex(R"(\d\d:\d\d:\d\d\.\d\d\d state: WAIT_CONFIG\n)")))
      << buffer;
  EXPECT_EQ(system.chip_id(), 0xABCDu);
  EXPECT_GT(system.free_memory(), 0u);
  ::close(pipe_fds[0]);
  ::close(pipe_fds[1]);
}

TEST(ParseChipId, AcceptsHexWithOrWithoutPrefix) {
  EXPECT_EQ(parse_chip_id("a1b2"), 0xA1B2u);
  EXPECT_EQ(parse_chip_id("0xDEADBEEF"), 0xDEADBEEFu);
  EXPECT_EQ(parse_chip_id("ffffffffffffffff"), 0xFFFFFFFFFFFFFFFFu);
  EXPECT_FALSE(parse_chip_id(""));
  EXPECT_FALSE(parse_chip_id("0x"));
  EXPECT_FALSE(parse_chip_id("12g4"));
  EXPECT_FALSE(parse_chip_id("1ffffffffffffffff")) << "17 digits do not fit";
}

}  // namespace
}  // namespace onboard::port
