// The command line of a QEMU board: what reaches qemu-system-arm and, through
// the semihosted command line, the firmware.
#include <gtest/gtest.h>

#include <algorithm>

#include "world/qemu_command.hpp"

namespace onboard::air {
namespace {

QemuBoard board() {
  return {"/fw/onboard-mps2-board.elf",
          "q1",
          "c0ffee",
          "02:24:00:c0:ff:ee",
          "/run/air.sock",
          "/run/boards/q1/storage/flash.bin",
          "qemu0",
          {"--template-name", "Desk Lamp, v2", "--cloud-plain"}};
}

std::string after(const std::vector<std::string>& argv, const std::string& option) {
  const auto at = std::find(argv.begin(), argv.end(), option);
  return at == argv.end() || at + 1 == argv.end() ? "" : *(at + 1);
}

TEST(QemuCommand, RunsTheImageOnMps2An386WithTheRadioOnUart0AndTheTap) {
  const auto argv = qemu_board_command(board());
  EXPECT_EQ(argv.front(), "qemu-system-arm");
  EXPECT_EQ(after(argv, "-M"), "mps2-an386");
  EXPECT_EQ(after(argv, "-kernel"), "/fw/onboard-mps2-board.elf");
  EXPECT_EQ(after(argv, "-chardev"), "socket,id=air,path=/run/air.sock");
  EXPECT_EQ(after(argv, "-serial"), "chardev:air");
  EXPECT_EQ(after(argv, "-nic"),
            "tap,model=lan9118,ifname=qemu0,script=no,downscript=no,mac=02:24:00:c0:ff:ee");
}

TEST(QemuCommand, FirmwareArgumentsArePercentEncodedWithCommasDoubled) {
  const std::string config = after(qemu_board_command(board()), "-semihosting-config");
  EXPECT_EQ(config,
            "enable=on,target=native,arg=onboard-mps2-board,arg=--host,arg=q1,arg=--chip-id,arg=c0ffee,"
            "arg=--storage,arg=/run/boards/q1/storage/flash.bin,arg=--template-name,arg=Desk%20Lamp,,%20v2,"
            "arg=--cloud-plain");
}

}  // namespace
}  // namespace onboard::air
