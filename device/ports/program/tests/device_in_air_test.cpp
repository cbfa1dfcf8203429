// onboard-device as a board in a real onboard-air world: a fresh board opens
// its AP, a phone sees it, joins, and reads /board_info.json from 192.168.4.1.
// Needs root (network namespaces); skipped otherwise.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "onboard/test/waits.hpp"

namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

struct CliRun {
  int code = -1;
  std::string out;
};

using onboard::test::read_file;

bool eventually(const std::function<bool()>& check, std::chrono::milliseconds limit = 20s) {
  return onboard::test::eventually(check, limit);
}

class DeviceInAir : public ::testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "needs root to make network namespaces (CI runs as root)";
    if (!fs::exists(ONBOARD_AIR_BIN)) GTEST_SKIP() << "onboard-air is not built (" << ONBOARD_AIR_BIN << ")";
    if (!fs::exists("/usr/bin/curl")) GTEST_SKIP() << "curl is missing (scripts/install-deps installs it)";
    char dir_template[] = "/tmp/device-in-air-XXXXXX";
    ASSERT_NE(mkdtemp(dir_template), nullptr);
    dir_ = dir_template;
    const CliRun up = air({"up", "--owner-pid", std::to_string(getpid())});
    ASSERT_EQ(up.code, 0) << up.out;
    up_ = true;
  }
  void TearDown() override {
    if (up_) {
      EXPECT_EQ(air({"down"}).code, 0);
    }
    if (!dir_.empty()) {
      std::error_code ec;
      fs::remove_all(dir_, ec);
    }
  }

  // onboard-air --run-dir DIR args...; stdout and stderr together.
  CliRun air(std::vector<std::string> args) {
    args.insert(args.begin(), {ONBOARD_AIR_BIN, "--run-dir", dir_.string()});
    const fs::path out_file = dir_ / ("out-" + std::to_string(++calls_));
    const pid_t pid = fork();
    if (pid == 0) {
      const int out = open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      dup2(out, 1);
      dup2(out, 2);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), read_file(out_file)};
  }
  std::string serial(const std::string& board) { return read_file(dir_ / "boards" / board / "serial.log"); }
  void add_board(const std::string& name, const std::string& chip_id) {
    const CliRun added =
        air({"board", "add", name, "--chip-id", chip_id, "--", ONBOARD_DEVICE_BIN, "--template-id",
             "TMPLtest01", "--template-name", "Thermo", "--cloud-host", "10.99.0.2", "--cloud-plain"});
    ASSERT_EQ(added.code, 0) << added.out;
  }

  fs::path dir_;
  bool up_ = false;
  int calls_ = 0;
};

TEST_F(DeviceInAir, FreshBoardOpensItsApAndAPhoneReadsBoardInfo) {
  add_board("b1", "a1b2c3");
  // The AP's name: "<prefix> <template name>-<4 chars from the chip id>".
  std::string ssid;
  ASSERT_TRUE(eventually([&] {
    const CliRun scan = air({"scan", "p1", "--json"});
    if (scan.code != 0) air({"phone", "add", "p1"});
    const auto at = scan.out.find("Onboard Thermo-");
    if (at == std::string::npos) return false;
    ssid = scan.out.substr(at, std::string("Onboard Thermo-XXXX").size());
    return true;
  })) << serial("b1");
  EXPECT_LE(ssid.size(), 32u);
  // Before anyone connects, the LED shows "waiting for setup" to the world.
  std::string led;
  EXPECT_TRUE(eventually([&] {
    led = air({"led", "b1"}).out;
    return led.find("\"state\":\"WAIT_CONFIG\"") != std::string::npos;
  })) << led;

  const CliRun joined = air({"join", "p1", "--ssid", ssid});
  ASSERT_EQ(joined.code, 0) << joined.out;
  CliRun info;
  ASSERT_TRUE(eventually([&] {
    info = air({"exec", "p1", "--", "curl", "-s", "-m", "5", "http://192.168.4.1/board_info.json"});
    return info.code == 0 && !info.out.empty();
  })) << info.out
      << serial("b1");
  const nlohmann::json board = nlohmann::json::parse(info.out);
  EXPECT_EQ(board["tmpl_id"], "TMPLtest01");
  EXPECT_EQ(board["board"], "Thermo");
  EXPECT_EQ(board["ssid"], ssid);
  EXPECT_NE(serial("b1").find("GET /board_info.json"), std::string::npos) << "every setup request is logged";
}

TEST_F(DeviceInAir, TwoBoardsGetDifferentApNamesAndAPowerCycleReopensTheAp) {
  add_board("b1", "a1b2c3");
  add_board("b2", "d4e5f6");
  std::string scan;
  ASSERT_TRUE(eventually([&] {
    air({"phone", "add", "p1"});
    scan = air({"scan", "p1"}).out;
    std::size_t count = 0;
    for (std::size_t at = scan.find("Onboard Thermo-"); at != std::string::npos;
         at = scan.find("Onboard Thermo-", at + 1))
      ++count;
    return count == 2;
  })) << scan;
  EXPECT_EQ(air({"power", "b1", "cycle"}).code, 0);
  ASSERT_TRUE(eventually([&] {
    const std::string log = serial("b1");
    return log.find("[air] power on", log.find("[air] power on") + 1) != std::string::npos &&
           log.rfind("ap: open") > log.rfind("[air] power on");
  })) << serial("b1");
}

}  // namespace
