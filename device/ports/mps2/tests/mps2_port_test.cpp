// The parts of the mps2-an386 board port that need no network, run as Cortex-M4
// code on QEMU: the semihosted command line and the semihosted flash file.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "onboard/device/ports/mps2/board_options.hpp"
#include "onboard/device/ports/mps2/semihosted_storage.hpp"

namespace onboard::mps2 {
namespace {

struct Line {
  char text[256];
  char* argv[16];
  int argc;
  explicit Line(const char* line) {
    std::strncpy(text, line, sizeof text - 1);
    text[sizeof text - 1] = '\0';
    argc = split_command_line(text, argv, 16);
  }
};

TEST(BoardOptions, ReadsTheAirsArgumentsPercentDecoded) {
  Line line(
      "fw --host q1 --chip-id c0ffee --storage /tmp/f.bin --template-id TMPLa1 "
      "--template-name Desk%20Lamp --cloud-plain");
  ASSERT_EQ(line.argc, 12);
  BoardOptions options;
  const char* why = "";
  ASSERT_TRUE(parse_board_options(line.argc, line.argv, &options, &why)) << why;
  EXPECT_STREQ(options.host, "q1");
  EXPECT_EQ(options.chip_id, 0xc0ffeeu);
  EXPECT_STREQ(options.storage, "/tmp/f.bin");
  EXPECT_STREQ(options.settings.template_id, "TMPLa1");
  EXPECT_STREQ(options.settings.template_name, "Desk Lamp");
  EXPECT_FALSE(options.settings.cloud_tls);
  EXPECT_EQ(options.settings.cloud_port, 8080);  // plain without a port: 8080, as onboard-device
}

TEST(BoardOptions, RefusesBadValuesWithAReason) {
  for (const char* bad : {"fw --chip-id xyz", "fw --cloud-port 70000", "fw --cloud-port", "fw --what 1",
                          "fw --template-name %zz", "fw --chip-id 11112222333344445"}) {
    Line line(bad);
    BoardOptions options;
    const char* why = "";
    EXPECT_FALSE(parse_board_options(line.argc, line.argv, &options, &why)) << bad;
    EXPECT_STRNE(why, "") << bad;
  }
}

TEST(BoardOptions, OfflineApDelayIsInSecondsAsOnLinux) {
  Line line("fw --offline-ap-delay 3 --cloud-port 9443");
  BoardOptions options;
  const char* why = "";
  ASSERT_TRUE(parse_board_options(line.argc, line.argv, &options, &why)) << why;
  EXPECT_EQ(options.settings.offline_ap_delay_ms, 3000u);
  EXPECT_EQ(options.settings.cloud_port, 9443);
  EXPECT_TRUE(options.settings.cloud_tls);
}

// The flash is a host file: a second Storage on it (a new boot) reads what the first wrote.
TEST(SemihostedStorage, StartsErasedAndKeepsWritesAcrossABoot) {
  const std::string path = "mps2_port_test_flash.bin";
  host_remove(path.c_str());  // a leftover of an interrupted run
  {
    SemihostedStorage flash(path.c_str(), 512);
    ASSERT_TRUE(flash.begin());
    std::uint8_t bytes[512];
    ASSERT_TRUE(flash.read(0, bytes, sizeof bytes));
    for (std::uint8_t b : bytes) ASSERT_EQ(b, 0xFF);
    const std::uint8_t config[] = {1, 2, 3, 4};
    ASSERT_TRUE(flash.write(100, config, sizeof config));
    EXPECT_FALSE(flash.write(510, config, sizeof config));  // past the end
    EXPECT_FALSE(flash.read(600, bytes, 1));
  }
  SemihostedStorage again(path.c_str(), 1024);  // a bigger flash keeps the old bytes
  ASSERT_TRUE(again.begin());
  std::uint8_t got[4];
  ASSERT_TRUE(again.read(100, got, sizeof got));
  EXPECT_EQ(got[0], 1);
  EXPECT_EQ(got[3], 4);
  std::uint8_t tail[4];
  ASSERT_TRUE(again.read(1020, tail, sizeof tail));
  EXPECT_EQ(tail[0], 0xFF);
  EXPECT_TRUE(host_remove(path.c_str()));
}

}  // namespace
}  // namespace onboard::mps2
