// onboard-device itself at start: with a pending slot in its state directory it hands over
// to the slot by exec (ONBOARD_SLOT set, same arguments), and a start that finds the trial
// unconfirmed rolls back and runs as installed. The slot is a shell script that records how
// it was started, so no network or radio is needed.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "onboard/device/ports/linux/boot_record.hpp"
#include "onboard/device/ports/linux/file_firmware_slots.hpp"
#include "onboard/protocol/ota/sodium_image.hpp"
#include "onboard/test/waits.hpp"

namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

class OtaBoot : public ::testing::Test {
 protected:
  void SetUp() override {
    char name[] = "/tmp/onboard-ota-boot-XXXXXX";
    ASSERT_NE(::mkdtemp(name), nullptr);
    dir_ = name;
    state_ = dir_ / "state";
    fs::create_directories(state_ / "firmware");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void install_script(const std::string& version) {
    const std::string script =
        "#!/bin/sh\necho \"slot=$ONBOARD_SLOT $*\" > " + (dir_ / "ran").string() + "\n";
    onboard::port::FileFirmwareSlots slots((state_ / "firmware").string(), "factory", 1 << 20,
                                           [](std::string_view) {});
    const auto key = onboard::ota::generate_signing_key();
    const auto image = onboard::ota::make_signed_image(
        {"TMPL1", version, "b1", false}, std::vector<std::uint8_t>(script.begin(), script.end()), *key);
    ASSERT_TRUE(slots.erase_inactive());
    ASSERT_TRUE(slots.write(0, image.bytes.data(), image.bytes.size()));
    ASSERT_TRUE(slots.mark_pending(onboard::ota::kHeaderSize, script.size()));
  }

  // Starts onboard-device (as installed: no ONBOARD_SLOT); returns its pid.
  pid_t start(const fs::path& log) {
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::unsetenv("ONBOARD_SLOT");
      ::unsetenv("ONBOARD_AIR_SOCKET");
      const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(fd, 2);
      const std::string state = state_.string();
      ::execl(ONBOARD_DEVICE_BIN, ONBOARD_DEVICE_BIN, "--template-id", "TMPL1", "--template-name", "Lamp",
              "--state-dir", state.c_str(), "--wifi", "nm", "--nmcli", "/bin/false", nullptr);
      ::_exit(127);
    }
    return pid;
  }

  fs::path dir_;
  fs::path state_;
};

TEST_F(OtaBoot, HandsOverToThePendingSlotWithTheSameArguments) {
  install_script("1.4.0");
  const pid_t pid = start(dir_ / "log");
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << onboard::test::read_file(dir_ / "log");
  const std::string ran = onboard::test::read_file(dir_ / "ran");
  EXPECT_EQ(ran.rfind("slot=a --template-id TMPL1 --template-name Lamp --state-dir", 0), 0u) << ran;
  const auto record = onboard::port::read_boot_record((state_ / "firmware").string());
  ASSERT_TRUE(record);
  EXPECT_EQ(record->tried, 1);
  EXPECT_EQ(record->factory, fs::canonical(ONBOARD_DEVICE_BIN).string());
}

TEST_F(OtaBoot, AStartAfterAnUnconfirmedTrialRollsBack) {
  install_script("1.4.0");
  const pid_t first = start(dir_ / "log1");
  int status = 0;
  ASSERT_EQ(::waitpid(first, &status, 0), first);  // the script "trial" ended without a login
  const pid_t second = start(dir_ / "log2");
  const bool rolled = onboard::test::eventually(
      [&] {
        const std::string log = onboard::test::read_file(dir_ / "log2");
        return log.find("rolling back") != std::string::npos && log.find("slot factory") != std::string::npos;
      },
      20s);
  ::kill(second, SIGTERM);
  ::waitpid(second, &status, 0);
  EXPECT_TRUE(rolled) << onboard::test::read_file(dir_ / "log2");
  const auto record = onboard::port::read_boot_record((state_ / "firmware").string());
  ASSERT_TRUE(record);
  EXPECT_EQ(record->pending, "");
  EXPECT_TRUE(record->rolled_back);
  EXPECT_EQ(record->active, "factory");
}

}  // namespace
