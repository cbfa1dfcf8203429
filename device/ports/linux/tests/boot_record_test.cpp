// The Linux port's firmware slots and boot record on a real directory, and a real re-exec
// into a slot (a shell script payload that says which slot it is).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "onboard/device/ports/linux/boot_record.hpp"
#include "onboard/device/ports/linux/file_firmware_slots.hpp"
#include "onboard/protocol/ota/sodium_image.hpp"

namespace onboard::port {
namespace {

namespace fs = std::filesystem;

class BootRecordTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char name[] = "/tmp/onboard-boot-XXXXXX";
    ASSERT_NE(::mkdtemp(name), nullptr);
    root_ = name;
    dir_ = (root_ / "firmware").string();
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(root_); }

  // Writes a signed image whose payload is `payload` into the slots, as the updater would.
  void install(FileFirmwareSlots& slots, const std::string& payload, const std::string& version) {
    const auto key = ota::generate_signing_key();
    const auto image = ota::make_signed_image(
        {"TMPL1", version, "b7", false}, std::vector<std::uint8_t>(payload.begin(), payload.end()), *key);
    ASSERT_TRUE(image.error.empty());
    ASSERT_TRUE(slots.erase_inactive());
    ASSERT_TRUE(slots.write(0, image.bytes.data(), image.bytes.size()));
    ASSERT_TRUE(slots.flush());
    ASSERT_TRUE(slots.mark_pending(ota::kHeaderSize, payload.size()));
  }
  BootRecord record() const {
    const auto r = read_boot_record(dir_);
    EXPECT_TRUE(r);
    return r.value_or(BootRecord{});
  }
  FileFirmwareSlots slots(const std::string& running) {
    return FileFirmwareSlots(dir_, running, 1 << 20, [](std::string_view) {});
  }

  fs::path root_;
  std::string dir_;
};

TEST_F(BootRecordTest, WithoutARecordTheInstalledProgramRuns) {
  const BootChoice c = choose_boot(dir_, "", "/usr/bin/onboard-device");
  EXPECT_EQ(c.run_slot, "factory");
  EXPECT_TRUE(c.exec_path.empty());
  EXPECT_EQ(record().factory, "/usr/bin/onboard-device");
  EXPECT_EQ(slots("factory").boot_state(), hal::BootState::normal);
}

TEST_F(BootRecordTest, APendingImageIsTriedOnceThenConfirmed) {
  auto factory = slots("factory");
  EXPECT_EQ(factory.inactive(), "a");
  install(factory, "#!/bin/sh\nexit 0\n", "1.3.0");
  struct stat st {};
  ASSERT_EQ(::stat((dir_ + "/slot-a").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  EXPECT_EQ(record().pending, "a");
  EXPECT_EQ(record().version_a, "1.3.0");
  EXPECT_EQ(record().build_a, "b7");
  EXPECT_FALSE(fs::exists(dir_ + "/progress"));

  BootChoice c = choose_boot(dir_, "", "/usr/bin/onboard-device");  // the restart after the download
  EXPECT_EQ(c.run_slot, "a");
  EXPECT_EQ(c.exec_path, dir_ + "/slot-a");
  EXPECT_EQ(record().tried, 1);
  c = choose_boot(dir_, "a", dir_ + "/slot-a");  // slot a's own start
  EXPECT_EQ(c.run_slot, "a");
  EXPECT_TRUE(c.exec_path.empty());
  EXPECT_EQ(record().tried, 2);
  auto trial = slots("a");
  EXPECT_EQ(trial.boot_state(), hal::BootState::trial);
  EXPECT_EQ(trial.inactive(), "b");
  ASSERT_TRUE(trial.mark_valid());
  EXPECT_EQ(record().active, "a");
  EXPECT_EQ(record().pending, "");
  EXPECT_EQ(slots("a").boot_state(), hal::BootState::normal);
  // A power cut later: the installed program starts and hands over to slot a.
  c = choose_boot(dir_, "", "/usr/bin/onboard-device");
  EXPECT_EQ(c.exec_path, dir_ + "/slot-a");
  EXPECT_EQ(slots("factory").inactive(), "b");
}

TEST_F(BootRecordTest, ARestartDuringTheTrialRollsBack) {
  auto factory = slots("factory");
  install(factory, "#!/bin/sh\n", "1.3.0");
  choose_boot(dir_, "", "/opt/onboard-device");
  choose_boot(dir_, "a", dir_ + "/slot-a");
  // The trial image restarts (or loses power) before it reached the cloud.
  const BootChoice c = choose_boot(dir_, "a", dir_ + "/slot-a");
  EXPECT_EQ(c.run_slot, "factory");
  EXPECT_EQ(c.exec_path, "/opt/onboard-device");
  EXPECT_EQ(record().pending, "");
  EXPECT_TRUE(record().rolled_back);
  auto back = slots("factory");
  EXPECT_EQ(back.boot_state(), hal::BootState::rolled_back);
  ASSERT_TRUE(back.acknowledge_rollback());
  EXPECT_EQ(back.boot_state(), hal::BootState::normal);
}

TEST_F(BootRecordTest, ACutBetweenHandOverAndStartRollsBack) {
  auto factory = slots("factory");
  install(factory, "#!/bin/sh\n", "1.3.0");
  choose_boot(dir_, "", "/opt/onboard-device");  // tried = 1, then the power went
  const BootChoice c = choose_boot(dir_, "", "/opt/onboard-device");
  EXPECT_EQ(c.run_slot, "factory");
  EXPECT_TRUE(c.exec_path.empty());
  EXPECT_TRUE(record().rolled_back);
}

TEST_F(BootRecordTest, AMissingSlotOrDamagedRecordRunsTheInstalledProgram) {
  auto factory = slots("factory");
  install(factory, "#!/bin/sh\n", "1.3.0");
  fs::remove(dir_ + "/slot-a");
  BootChoice c = choose_boot(dir_, "", "/opt/onboard-device");
  EXPECT_EQ(c.run_slot, "factory");
  EXPECT_TRUE(c.exec_path.empty());
  EXPECT_EQ(record().pending, "");
  {
    std::ofstream damaged(dir_ + "/boot", std::ios::trunc);
    damaged << "onboard-boot 1\nactive=a\n";  // no "end"
  }
  EXPECT_FALSE(read_boot_record(dir_));
  c = choose_boot(dir_, "", "/opt/onboard-device");
  EXPECT_EQ(c.run_slot, "factory");
  EXPECT_TRUE(c.exec_path.empty());
}

TEST_F(BootRecordTest, AStaleTemporaryFileDoesNotMatter) {
  BootRecord r;
  r.active = "b";
  r.factory = "/opt/x";
  ASSERT_TRUE(write_boot_record(dir_, r));
  {
    std::ofstream torn(dir_ + "/.boot.tmp", std::ios::trunc);
    torn << "onboard-bo";  // a cut while a new record was being written
  }
  EXPECT_EQ(record().active, "b");
  for (const auto& entry : fs::directory_iterator(dir_)) {
    EXPECT_NE(entry.path().filename(), ".progress.tmp");
  }
}

TEST_F(BootRecordTest, ProgressBelongsToTheInactiveSlot) {
  auto factory = slots("factory");
  ASSERT_TRUE(factory.save_progress(7, 4096));
  std::uint32_t key = 0, bytes = 0;
  factory.load_progress(key, bytes);
  EXPECT_EQ(key, 7u);
  EXPECT_EQ(bytes, 4096u);
  slots("b").load_progress(key, bytes);  // running b writes to a: the same slot
  EXPECT_EQ(bytes, 4096u);
  slots("a").load_progress(key, bytes);  // running a: slot a is no longer a target
  EXPECT_EQ(bytes, 0u);
}

TEST_F(BootRecordTest, TheInstalledProgramReExecutesIntoThePendingSlot) {
  auto factory = slots("factory");
  const std::string marker = (root_ / "ran").string();
  install(factory, "#!/bin/sh\necho \"slot=$ONBOARD_SLOT arg=$1\" > " + marker + "\n", "2.0.0");
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const BootChoice c = choose_boot(dir_, "", "/nonexistent/onboard-device");
    if (c.exec_path.empty()) ::_exit(3);
    exec_boot_choice(c, {c.exec_path, "--hello"});
    ::_exit(4);  // exec failed
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  std::ifstream in(marker);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "slot=a arg=--hello\n");
  EXPECT_EQ(record().tried, 1);
}

}  // namespace
}  // namespace onboard::port
