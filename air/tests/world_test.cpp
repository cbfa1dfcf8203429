// The daemon and CLI for real: each test builds its own world (its own
// namespace prefix, so ctest runs them in parallel) and tears it down.
// Needs root (network namespaces); skipped otherwise.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
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
  std::string err;
};

using onboard::test::read_file;

bool eventually(const std::function<bool()>& check, std::chrono::milliseconds limit = 10s) {
  return onboard::test::eventually(check, limit);
}

class AirWorld : public ::testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "needs root to make network namespaces (CI runs as root)";
    char dir_template[] = "/tmp/air-test-XXXXXX";
    ASSERT_NE(mkdtemp(dir_template), nullptr);
    dir_ = dir_template;
    // --owner-pid: if this test process dies, the world goes down with it.
    const CliRun up = air({"up", "--owner-pid", std::to_string(getpid())});
    ASSERT_EQ(up.code, 0) << up.err;
    prefix_ = status()["prefix"];
    ASSERT_EQ(prefix_.rfind("oa", 0), 0u);
  }

  void TearDown() override {
    if (dir_.empty()) return;
    for (pid_t pid : background_) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
    const CliRun down = air({"down"});
    EXPECT_EQ(down.code, 0) << down.err;
    EXPECT_EQ(our_namespaces(), "") << "down left namespaces behind";
    for (const auto& entry : fs::directory_iterator("/etc/netns")) {
      EXPECT_NE(entry.path().filename().string().rfind(prefix_, 0), 0u) << entry.path();
    }
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // onboard-air --run-dir DIR args...; stdout captured, stderr to a file.
  CliRun air(std::vector<std::string> args) {
    args.insert(args.begin(), {ONBOARD_AIR_BIN, "--run-dir", dir_.string()});
    const fs::path err_file = dir_ / ("cli-err-" + std::to_string(++calls_));
    int out_pipe[2];
    if (pipe(out_pipe) != 0) return {};
    const pid_t pid = fork();
    if (pid == 0) {
      dup2(out_pipe[1], 1);
      const int err = open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      dup2(err, 2);
      close(out_pipe[0]);
      close(out_pipe[1]);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(out_pipe[1]);
    CliRun run;
    char buf[4096];
    ssize_t n = 0;
    while ((n = read(out_pipe[0], buf, sizeof buf)) > 0) run.out.append(buf, static_cast<std::size_t>(n));
    close(out_pipe[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    run.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    run.err = read_file(err_file);
    return run;
  }

  // Starts onboard-air args... in the background (stdout into a file).
  fs::path spawn(std::vector<std::string> args) {
    args.insert(args.begin(), {ONBOARD_AIR_BIN, "--run-dir", dir_.string()});
    const fs::path out_file = dir_ / ("bg-" + std::to_string(++calls_));
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
    background_.push_back(pid);
    return out_file;
  }

  nlohmann::json status() {
    const CliRun r = air({"status", "--json"});
    EXPECT_EQ(r.code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }

  nlohmann::json host(const std::string& name) {
    const nlohmann::json all = status();
    for (const auto& h : all["hosts"]) {
      if (h["name"] == name) return h;
    }
    return nullptr;
  }

  std::string serial(const std::string& board) { return read_file(dir_ / "boards" / board / "serial.log"); }
  bool serial_has(const std::string& board, const std::string& text) {
    return eventually([&] { return serial(board).find(text) != std::string::npos; });
  }

  std::string our_namespaces() {
    std::string found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/run/netns", ec)) {
      const std::string name = entry.path().filename().string();
      if (name.rfind(prefix_, 0) == 0) found += name + " ";
    }
    return found;
  }

  void home_network() {
    ASSERT_EQ(air({"ap", "add", "--ssid", "Home", "--password", "password1", "--channel", "6"}).code, 0);
    ASSERT_EQ(air({"ap", "add", "--ssid", "Home-5G", "--password", "password1", "--band", "5"}).code, 0);
  }

  void fake_board(const std::string& name) {
    const CliRun r = air({"board", "add", name, "--chip-id", "c0ffee01", "--", AIR_TEST_TOOL, "board"});
    ASSERT_EQ(r.code, 0) << r.err;
    ASSERT_TRUE(serial_has(name, "[fw] serving 192.168.4.1:8000")) << serial(name);
  }

  fs::path dir_;
  std::string prefix_;
  std::vector<pid_t> background_;
  int calls_ = 0;
};

TEST_F(AirWorld, PhoneFindsJoinsAndReachesTheBoardsAp) {
  home_network();
  ASSERT_EQ(air({"phone", "add", "p1"}).code, 0);
  fake_board("b1");

  const CliRun scan = air({"scan", "p1", "--json"});
  ASSERT_EQ(scan.code, 0) << scan.err;
  const auto heard = nlohmann::json::parse(scan.out);
  bool board_ap = false;
  bool five = false;
  for (const auto& ap : heard) {
    if (ap["ssid"] == "Onboard b1") board_ap = ap["security"] == "open" && ap["band"] == "2.4";
    if (ap["ssid"] == "Home-5G") five = true;
  }
  EXPECT_TRUE(board_ap) << scan.out;
  EXPECT_TRUE(five) << "phones are dual-band: " << scan.out;

  const CliRun join = air({"join", "p1", "--ssid", "Onboard b1"});
  ASSERT_EQ(join.code, 0) << join.err;
  EXPECT_NE(join.out.find("ip 192.168.4."), std::string::npos) << join.out;
  EXPECT_EQ(host("p1")["link"]["ip"].get<std::string>().rfind("192.168.4.", 0), 0u);

  // Real TCP over the veth to the board's server on 192.168.4.1.
  const CliRun tcp = air({"exec", "p1", "--", AIR_TEST_TOOL, "connect", "192.168.4.1", "8000"});
  EXPECT_EQ(tcp.code, 0) << tcp.err;
  EXPECT_EQ(tcp.out, "board b1 boot 1\n");

  // Programs in the phone resolve names through the board's captive DNS.
  const CliRun resolv = air({"exec", "p1", "--", "cat", "/etc/resolv.conf"});
  EXPECT_NE(resolv.out.find("nameserver 192.168.4.1"), std::string::npos) << resolv.out;

  // exec returns the command's exit code.
  EXPECT_EQ(air({"exec", "p1", "--", "sh", "-c", "exit 7"}).code, 7);
}

TEST_F(AirWorld, BoardReachesTheInternetThroughTheRouter) {
  home_network();
  fake_board("b1");
  spawn({"exec", "internet", "--", AIR_TEST_TOOL, "serve", "10.99.0.2", "9000", "cloud"});

  const CliRun join = air({"join", "b1", "--ssid", "Home", "--password", "password1"});
  ASSERT_EQ(join.code, 0) << join.err;
  EXPECT_NE(join.out.find("ip 192.168.1.100/24 gateway 192.168.1.1 channel 6"), std::string::npos)
      << join.out;

  auto reach_cloud = [&] {
    return air({"exec", "b1", "--", AIR_TEST_TOOL, "connect", "10.99.0.2", "9000"}).out == "cloud\n";
  };
  EXPECT_TRUE(eventually(reach_cloud));

  ASSERT_EQ(air({"internet", "off"}).code, 0);
  EXPECT_NE(air({"exec", "b1", "--", AIR_TEST_TOOL, "connect", "10.99.0.2", "9000"}).code, 0);
  ASSERT_EQ(air({"internet", "on"}).code, 0);
  EXPECT_TRUE(eventually(reach_cloud));

  // The router loses power: its APs vanish and the board is told.
  ASSERT_EQ(air({"router", "off"}).code, 0);
  EXPECT_TRUE(serial_has("b1", "[fw] push link_lost reason=router_off ssid=Home")) << serial("b1");
  EXPECT_TRUE(host("b1")["link"].is_null());
  EXPECT_EQ(air({"scan", "b1"}).out.find("Home"), std::string::npos);
  const CliRun refused = air({"join", "b1", "--ssid", "Home", "--password", "password1"});
  EXPECT_NE(refused.err.find("network_not_found"), std::string::npos) << refused.err;
  ASSERT_EQ(air({"router", "on"}).code, 0);
  ASSERT_EQ(air({"join", "b1", "--ssid", "Home", "--password", "password1"}).code, 0);
  EXPECT_TRUE(eventually(reach_cloud));
}

// A station leaving must not change the gateway's MAC under the stations that stay: a Linux
// bridge without an address of its own takes its lowest port's MAC, and their ARP caches
// would then point nowhere (the phone lost the cloud for ~30 s when a board was powered off).
TEST_F(AirWorld, GatewayMacStaysWhenStationsComeAndGo) {
  home_network();
  auto gateway_mac = [&] { return air({"exec", "router", "--", "cat", "/sys/class/net/lan/address"}).out; };
  const std::string before = gateway_mac();
  ASSERT_FALSE(before.empty());
  ASSERT_EQ(air({"phone", "add", "p1"}).code, 0);
  ASSERT_EQ(air({"phone", "add", "p2"}).code, 0);
  ASSERT_EQ(air({"join", "p1", "--ssid", "Home", "--password", "password1"}).code, 0);
  EXPECT_EQ(gateway_mac(), before);
  ASSERT_EQ(air({"join", "p2", "--ssid", "Home", "--password", "password1"}).code, 0);
  EXPECT_EQ(gateway_mac(), before);
  ASSERT_EQ(air({"leave", "p1"}).code, 0);
  EXPECT_EQ(gateway_mac(), before);
  ASSERT_EQ(air({"leave", "p2"}).code, 0);
  EXPECT_EQ(gateway_mac(), before);
}

// A drop aimed at one network must miss a host that has moved on to another.
TEST_F(AirWorld, LeaveFromANetworkTheHostIsNotOnKeepsItsLink) {
  home_network();
  ASSERT_EQ(air({"phone", "add", "p1"}).code, 0);
  ASSERT_EQ(air({"join", "p1", "--ssid", "Home", "--password", "password1"}).code, 0);
  CliRun missed = air({"leave", "p1", "--from", "Onboard Lamp-1234"});
  EXPECT_EQ(missed.code, 1);
  EXPECT_NE(missed.err.find("not_joined"), std::string::npos) << missed.err;
  EXPECT_NE(air({"status", "--json"}).out.find("\"Home\""), std::string::npos);
  EXPECT_EQ(air({"leave", "p1", "--from", "Home"}).code, 0);
  EXPECT_EQ(air({"leave", "p1"}).code, 1);  // gone now
}

TEST_F(AirWorld, JoinsAreRefusedWithTheRightReason) {
  home_network();
  ASSERT_EQ(air({"phone", "add", "p1"}).code, 0);
  fake_board("b1");

  CliRun r = air({"join", "b1", "--ssid", "Home", "--password", "wrong-password"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("wrong_password"), std::string::npos) << r.err;

  r = air({"join", "b1", "--ssid", "Home-5G", "--password", "password1"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("network_not_found"), std::string::npos) << "boards are 2.4 GHz only: " << r.err;

  r = air({"join", "b1", "--ssid", "Nowhere"});
  EXPECT_NE(r.err.find("network_not_found"), std::string::npos) << r.err;

  EXPECT_EQ(air({"join", "p1", "--ssid", "Home-5G", "--password", "password1"}).code, 0);

  r = air({"ap", "add", "--ssid", std::string(33, 'x')});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("ssid_too_long"), std::string::npos) << r.err;
  EXPECT_EQ(air({"ap", "add", "--ssid", std::string(32, 'x')}).code, 0);
  r = air({"ap", "add", "--ssid", "Short", "--password", "1234567"});
  EXPECT_NE(r.err.find("bad_password"), std::string::npos) << r.err;
}

TEST_F(AirWorld, PhoneRejoinsASavedNetworkWithoutItsPassword) {
  home_network();
  ASSERT_EQ(air({"phone", "add", "p1"}).code, 0);
  fake_board("b1");
  // Never joined: without a password it is refused.
  CliRun r = air({"join", "p1", "--ssid", "Home"});
  EXPECT_NE(r.err.find("wrong_password"), std::string::npos) << r.err;
  ASSERT_EQ(air({"join", "p1", "--ssid", "Home", "--password", "password1"}).code, 0);
  ASSERT_EQ(air({"leave", "p1"}).code, 0);
  // Saved, as a phone saves networks: a join without the password works; boards save nothing.
  EXPECT_EQ(air({"join", "p1", "--ssid", "Home"}).code, 0);
  ASSERT_EQ(air({"join", "b1", "--ssid", "Home", "--password", "password1"}).code, 0);
  ASSERT_EQ(air({"leave", "b1"}).code, 0);
  EXPECT_EQ(air({"join", "b1", "--ssid", "Home"}).code, 1);
}

TEST_F(AirWorld, FirmwareScansAndJoinsOverTheSocket) {
  // An SSID with quotes, a backslash, '=', a space and UTF-8.
  const std::string odd = "Caf\xC3\xA9 \"5\\6\" =x";
  ASSERT_EQ(air({"ap", "add", "--ssid", odd, "--password", "pass word=1", "--channel", "11"}).code, 0);
  ASSERT_EQ(air({"ap", "add", "--ssid", "Home-5G", "--password", "password1", "--band", "5"}).code, 0);
  fake_board("b1");
  EXPECT_NE(serial("b1").find("[fw] scan: " + odd + " band=2.4 ch=11"), std::string::npos) << serial("b1");
  EXPECT_EQ(serial("b1").find("Home-5G"), std::string::npos) << "a 2.4 GHz board heard a 5 GHz network";

  // Give the firmware saved credentials; after a power cycle it joins by itself.
  std::ofstream(dir_ / "boards" / "b1" / "storage" / "wifi") << odd << "\npass word=1\n";
  ASSERT_EQ(air({"power", "b1", "cycle"}).code, 0);
  EXPECT_TRUE(serial_has("b1", "[fw] boot 2")) << serial("b1");
  EXPECT_TRUE(serial_has("b1", "[fw] join ok ssid=" + odd + " bssid=")) << serial("b1");
  EXPECT_EQ(host("b1")["link"]["ssid"], odd);
  // The AP follows the station's channel.
  EXPECT_TRUE(serial_has("b1", "[fw] ap_start ok ssid=Onboard b1 ip=192.168.4.1 mask=24 ch=11"))
      << serial("b1");
}

TEST_F(AirWorld, PowerCutAndPowerOnKeepStorage) {
  ASSERT_EQ(air({"phone", "add", "p1"}).code, 0);
  fake_board("b1");
  ASSERT_EQ(air({"join", "p1", "--ssid", "Onboard b1"}).code, 0);
  const std::string storage = host("b1")["storage"];

  ASSERT_EQ(air({"power", "b1", "off"}).code, 0);
  EXPECT_EQ(host("b1")["power"], "off");
  EXPECT_FALSE(host("b1")["running"].get<bool>());
  EXPECT_TRUE(host("p1")["link"].is_null()) << "the phone stayed on a dead board's AP";
  EXPECT_EQ(air({"scan", "p1"}).out.find("Onboard b1"), std::string::npos);
  EXPECT_NE(air({"join", "b1", "--ssid", "x"}).err.find("powered_off"), std::string::npos);

  ASSERT_EQ(air({"power", "b1", "on"}).code, 0);
  EXPECT_TRUE(serial_has("b1", "[fw] boot 2 chip c0ffee01 storage " + storage)) << serial("b1");
  EXPECT_TRUE(serial_has("b1", "[fw] serving 192.168.4.1:8000"));
  ASSERT_EQ(air({"join", "p1", "--ssid", "Onboard b1"}).code, 0);
  EXPECT_EQ(air({"exec", "p1", "--", AIR_TEST_TOOL, "connect", "192.168.4.1", "8000"}).out,
            "board b1 boot 2\n");
}

TEST_F(AirWorld, ButtonPushesArriveAndTheLedIsReported) {
  fake_board("b1");
  CliRun led = air({"led", "b1", "--wait-pattern", "blink", "--timeout", "5"});
  ASSERT_EQ(led.code, 0) << led.err;
  auto j = nlohmann::json::parse(led.out);
  EXPECT_EQ(j["state"], "waiting_for_setup");
  EXPECT_EQ(j["colour"], "#0000ff");
  EXPECT_EQ(j["level"], 128);

  ASSERT_EQ(air({"button", "b1", "press"}).code, 0);
  EXPECT_TRUE(serial_has("b1", "[fw] push button state=down"));
  EXPECT_TRUE(serial_has("b1", "[fw] push button state=up"));

  // Hold: down now, up after the given time, timed by the daemon.
  ASSERT_EQ(air({"button", "b1", "hold", "2"}).code, 0);
  led = air({"led", "b1", "--wait-state", "button_held", "--timeout", "5"});
  EXPECT_EQ(led.code, 0) << led.out;
  EXPECT_TRUE(eventually([&] { return host("b1")["button"] == "up"; }));
  EXPECT_EQ(air({"led", "b1", "--wait-state", "waiting_for_setup", "--timeout", "5"}).code, 0);

  // Hold until release.
  ASSERT_EQ(air({"button", "b1", "hold"}).code, 0);
  EXPECT_EQ(host("b1")["button"], "down");
  ASSERT_EQ(air({"button", "b1", "release"}).code, 0);
  EXPECT_EQ(host("b1")["button"], "up");
}

TEST_F(AirWorld, BoardJoiningAnotherChannelDropsItsPhones) {
  home_network();
  ASSERT_EQ(air({"phone", "add", "p1"}).code, 0);
  fake_board("b1");
  ASSERT_EQ(air({"join", "p1", "--ssid", "Onboard b1"}).code, 0);
  const fs::path watch = spawn({"exec", "p1", "--", AIR_TEST_TOOL, "phone-watch"});
  ASSERT_TRUE(eventually([&] { return read_file(watch).find("registered") != std::string::npos; }));

  ASSERT_EQ(air({"join", "b1", "--ssid", "Home", "--password", "password1"}).code, 0);
  EXPECT_TRUE(eventually([&] {
    return read_file(watch).find("push link_lost reason=channel_switch ssid=Onboard b1") != std::string::npos;
  })) << read_file(watch);
  EXPECT_TRUE(host("p1")["link"].is_null());
  EXPECT_EQ(host("b1")["ap"]["channel"], 6);
  // The phone can join again, on the new channel.
  const CliRun again = air({"join", "p1", "--ssid", "Onboard b1"});
  EXPECT_NE(again.out.find("channel 6"), std::string::npos) << again.out;
}

TEST_F(AirWorld, RouterChannelSwitchTakesTheBoardsApAlong) {
  home_network();
  ASSERT_EQ(air({"phone", "add", "p1"}).code, 0);
  ASSERT_EQ(air({"phone", "add", "p2"}).code, 0);
  fake_board("b1");
  ASSERT_EQ(air({"join", "b1", "--ssid", "Home", "--password", "password1"}).code, 0);
  ASSERT_EQ(air({"join", "p1", "--ssid", "Onboard b1"}).code, 0);
  ASSERT_EQ(air({"join", "p2", "--ssid", "Home", "--password", "password1"}).code, 0);
  const fs::path watch = spawn({"exec", "p1", "--", AIR_TEST_TOOL, "phone-watch"});
  ASSERT_TRUE(eventually([&] { return read_file(watch).find("registered") != std::string::npos; }));

  const CliRun moved = air({"ap", "channel", "--ssid", "Home", "--channel", "11"});
  ASSERT_EQ(moved.code, 0) << moved.err;
  EXPECT_NE(moved.out.find("from channel 6 to 11"), std::string::npos) << moved.out;
  // The announced switch: stations of Home follow; the board's AP goes along and drops its phone.
  EXPECT_EQ(host("b1")["link"]["channel"], 11);
  EXPECT_EQ(host("p2")["link"]["channel"], 11);
  EXPECT_EQ(host("b1")["ap"]["channel"], 11);
  EXPECT_TRUE(eventually([&] {
    return read_file(watch).find("push link_lost reason=channel_switch ssid=Onboard b1") != std::string::npos;
  })) << read_file(watch);
  EXPECT_TRUE(host("p1")["link"].is_null());
  EXPECT_TRUE(serial_has("b1", "moved from channel 6 to 11")) << serial("b1");

  // Unannounced: every station of Home loses its link; nothing else changes.
  ASSERT_EQ(air({"join", "p1", "--ssid", "Onboard b1"}).code, 0);
  ASSERT_EQ(air({"ap", "channel", "--ssid", "Home", "--channel", "1", "--drop-stations"}).code, 0);
  EXPECT_TRUE(host("b1")["link"].is_null());
  EXPECT_TRUE(host("p2")["link"].is_null());
  EXPECT_FALSE(host("p1")["link"].is_null());
  EXPECT_TRUE(serial_has("b1", "link to \"Home\" lost: channel_switch")) << serial("b1");
  const CliRun rejoin = air({"join", "p2", "--ssid", "Home"});
  EXPECT_NE(rejoin.out.find("channel 1"), std::string::npos) << rejoin.out;

  // Refused with a reason: an unknown network, a 5 GHz one, a channel off the band.
  EXPECT_NE(air({"ap", "channel", "--ssid", "Nope", "--channel", "3"}).code, 0);
  EXPECT_NE(air({"ap", "channel", "--ssid", "Home-5G", "--channel", "40"}).code, 0);
  const CliRun bad = air({"ap", "channel", "--ssid", "Home", "--channel", "14"});
  EXPECT_NE(bad.code, 0);
  EXPECT_EQ(host("b1")["ap"]["channel"], 11);
}

TEST_F(AirWorld, ChannelSwitchCanBeTurnedOff) {
  ASSERT_EQ(air({"down"}).code, 0);
  const CliRun up = air({"up", "--no-channel-switch", "--owner-pid", std::to_string(getpid())});
  ASSERT_EQ(up.code, 0) << up.err;
  home_network();
  ASSERT_EQ(air({"phone", "add", "p1"}).code, 0);
  fake_board("b1");
  ASSERT_EQ(air({"join", "p1", "--ssid", "Onboard b1"}).code, 0);
  ASSERT_EQ(air({"join", "b1", "--ssid", "Home", "--password", "password1"}).code, 0);
  EXPECT_FALSE(host("p1")["link"].is_null()) << "the phone was dropped although channel switch is off";
  EXPECT_EQ(host("b1")["ap"]["channel"], 1);
}

TEST_F(AirWorld, UpCleansACrashedDaemonsLeftovers) {
  fake_board("b1");
  const pid_t daemon = std::stoi(read_file(dir_ / "air.pid"));
  ASSERT_EQ(kill(daemon, SIGKILL), 0);
  ASSERT_TRUE(eventually([&] { return kill(daemon, 0) != 0; }));
  EXPECT_NE(our_namespaces(), "");  // the crash left the world behind

  const CliRun up = air({"up"});
  ASSERT_EQ(up.code, 0) << up.err;
  // Only the fresh world's fixed hosts remain; the old board's program is gone.
  EXPECT_EQ(our_namespaces().find(prefix_ + "-b1"), std::string::npos) << our_namespaces();
  EXPECT_EQ(status()["hosts"].size(), 2u);
  EXPECT_NE(air({"up"}).code, 0) << "a second up on a live world must refuse";
}

}  // namespace
