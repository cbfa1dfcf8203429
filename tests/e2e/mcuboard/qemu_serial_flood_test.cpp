// The bare-metal board's radio link under load: the mps2-an386 firmware on QEMU
// with UART0 wired to a stand-in for onboard-air on a Unix socket, which answers
// the board's requests as the air does and in between floods the line with lines
// the board ignores. QEMU's UART holds one byte and reads no more from the socket
// until the firmware has taken it, so a lost RX interrupt stops the line for good
// (the board then hears no reply again: a scan that never ends, a wizard that ends
// network_not_found). No namespaces: runs without root.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/sockios.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "onboard/test/waits.hpp"

extern char** environ;

namespace onboard::e2e {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr std::uintptr_t kUart0State = 0x40004004u;
constexpr std::uintptr_t kUart0IntStatus = 0x4000400Cu;
// The handler that cleared its interrupt after emptying the register stopped after 30-160 KB
// (about 20 KB/s go through QEMU's one-byte UART): this caught it in every run.
constexpr std::size_t kFloodBytes = 512 * 1024;
// No byte taken for this long: the line has stopped (a stall is forever, not slow).
constexpr auto kStallLimit = 20s;

bool on_path(const char* program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return false;
  std::string dirs = path;
  for (std::size_t start = 0; start <= dirs.size();) {
    const std::size_t colon = dirs.find(':', start);
    const std::string dir =
        dirs.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    if (!dir.empty() && access((dir + "/" + program).c_str(), X_OK) == 0) return true;
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return false;
}

int listen_on(const std::string& path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path) return -1;
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(fd, 1) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

int connect_to(const std::string& path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd >= 0 && connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) return fd;
  if (fd >= 0) close(fd);
  return -1;
}

class QemuSerial : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(ONBOARD_MPS2_BOARD_FIRMWARE))
      GTEST_SKIP() << "no mps2-an386 firmware at " ONBOARD_MPS2_BOARD_FIRMWARE
                      " (build the cortex-m4 preset first: ./scripts/test does)";
    if (!on_path("qemu-system-arm")) GTEST_SKIP() << "no qemu-system-arm on PATH";
    char pattern[] = "/tmp/onboard-serial-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
    listen_fd_ = listen_on(dir_ + "/air.sock");
    ASSERT_GE(listen_fd_, 0) << std::strerror(errno);
  }

  void TearDown() override {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (conn_ >= 0) close(conn_);
    if (listen_fd_ >= 0) close(listen_fd_);
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  void power_on() {
    std::string config = "enable=on,target=native,arg=onboard-mps2-board";
    for (const std::string& arg :
         {std::string("--host"), std::string("q1"), std::string("--chip-id"), std::string("c0ffee"),
          std::string("--storage"), dir_ + "/flash.bin", std::string("--template-id"),
          std::string("TMPLflood001"), std::string("--template-name"), std::string("Flood"),
          std::string("--cloud-plain")})
      config += ",arg=" + arg;
    std::vector<std::string> args{"qemu-system-arm",
                                  "-M",
                                  "mps2-an386",
                                  "-nographic",
                                  "-monitor",
                                  "unix:" + dir_ + "/monitor.sock,server=on,wait=off",
                                  "-chardev",
                                  "socket,id=air,path=" + dir_ + "/air.sock",
                                  "-serial",
                                  "chardev:air",
                                  "-semihosting-config",
                                  config,
                                  "-kernel",
                                  ONBOARD_MPS2_BOARD_FIRMWARE,
                                  "-nic",
                                  "user,model=lan9118,restrict=on"};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const std::string log = dir_ + "/serial.log";
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    const int spawned = posix_spawnp(&pid_, "qemu-system-arm", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ASSERT_EQ(spawned, 0) << std::strerror(spawned);
    pollfd p{listen_fd_, POLLIN, 0};
    ASSERT_EQ(poll(&p, 1, 30000), 1) << "QEMU never opened the serial line:\n" << serial_log();
    conn_ = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
    ASSERT_GE(conn_, 0) << std::strerror(errno);
    // A small socket buffer keeps the flood paced by what QEMU takes.
    const int buffer = 4096;
    setsockopt(conn_, SOL_SOCKET, SO_SNDBUF, &buffer, sizeof buffer);
  }

  std::string serial_log() const { return test::read_file(dir_ + "/serial.log"); }

  // One word of the board's memory map, read through QEMU's human monitor.
  std::string monitor_word(std::uintptr_t address) const {
    const int fd = connect_to(dir_ + "/monitor.sock");
    if (fd < 0) return "(no monitor)";
    char command[64];
    std::snprintf(command, sizeof command, "xp /1wx 0x%lx\n", static_cast<unsigned long>(address));
    std::string said;
    if (::send(fd, command, std::strlen(command), MSG_NOSIGNAL) > 0) {
      char pattern[48];
      std::snprintf(pattern, sizeof pattern, "%lx: (0x[0-9a-f]+)", static_cast<unsigned long>(address));
      const std::regex word(pattern);
      std::smatch found;
      test::eventually(
          [&] {
            pollfd p{fd, POLLIN, 0};
            char buf[1024];
            if (poll(&p, 1, 50) == 1) {
              const ssize_t n = recv(fd, buf, sizeof buf, 0);
              if (n > 0) said.append(buf, static_cast<std::size_t>(n));
            }
            return std::regex_search(said, found, word);
          },
          5s);
      if (!found.empty()) said = found[1];
    }
    close(fd);
    return said;
  }

  std::string uart_registers() const {
    return "UART0 STATE " + monitor_word(kUart0State) + " (bit 1: a byte waits), INTSTATUS " +
           monitor_word(kUart0IntStatus) + " (bit 1: its interrupt)";
  }

  std::string dir_;
  int listen_fd_ = -1;
  int conn_ = -1;
  pid_t pid_ = 0;
};

// The air's answers to what the board asks; every request gets exactly one final line.
std::string answer(const std::string& line) {
  const std::string verb = line.substr(0, line.find(' '));
  if (verb == "hello") return "ok mac=02:00:00:c0:ff:ee\n";
  if (verb == "scan")
    return "ap ssid=Home bssid=02:00:00:00:00:01 rssi=-40 sec=wpa2 ch=6 band=2.4\nok count=1\n";
  return "ok\n";
}

TEST_F(QemuSerial, TheRadioLinkTakesAFloodOfLinesWithoutStopping) {
  power_on();
  if (HasFatalFailure()) return;
  // A line the board ignores: an unknown verb with nothing pending, or a data line no
  // listener reads when something is.
  const std::string noise = "noise n=" + std::string(100, 'x') + "\n";
  std::string in, out;
  std::size_t flooded = 0, sent = 0, requests = 0;
  // What QEMU has not read yet (SIOCOUTQ: in kernel buffers, counted with their overhead).
  auto unread = [&] {
    int bytes = 0;
    ioctl(conn_, SIOCOUTQ, &bytes);
    return static_cast<std::size_t>(bytes);
  };
  std::size_t last_sent = 0, last_unread = 0;
  auto last_progress = Clock::now();
  while (flooded < kFloodBytes || !out.empty() || unread() > 0) {
    char buf[4096];
    const ssize_t got = recv(conn_, buf, sizeof buf, 0);
    ASSERT_NE(got, 0) << "QEMU closed the serial line:\n" << serial_log();
    if (got > 0) in.append(buf, static_cast<std::size_t>(got));
    for (std::size_t nl; (nl = in.find('\n')) != std::string::npos; in.erase(0, nl + 1)) {
      if (nl == 0) continue;
      out += answer(in.substr(0, nl));
      ++requests;
    }
    for (int i = 0; out.empty() && i < 32 && flooded < kFloodBytes; ++i) {
      out += noise;
      flooded += noise.size();
    }
    if (!out.empty()) {
      const ssize_t n = ::send(conn_, out.data(), out.size(), MSG_NOSIGNAL);
      if (n > 0) {
        out.erase(0, static_cast<std::size_t>(n));
        sent += static_cast<std::size_t>(n);
      }
    }
    if (const std::size_t now_unread = unread(); sent != last_sent || now_unread != last_unread) {
      last_sent = sent;
      last_unread = now_unread;
      last_progress = Clock::now();
    }
    ASSERT_LT(Clock::now() - last_progress, kStallLimit)
        << "the firmware stopped taking bytes: " << sent << " sent of a " << kFloodBytes
        << "-byte flood, about " << last_unread << " of them unread, " << requests << " requests answered; "
        << uart_registers() << "\nserial:\n"
        << serial_log();
    int status = 0;
    ASSERT_EQ(waitpid(pid_, &status, WNOHANG), 0) << "QEMU ended:\n" << serial_log();
    // Wait for room in the socket or a request (QEMU reads a byte at a time), not a guess.
    pollfd p{conn_, static_cast<short>(POLLIN | (out.empty() ? 0 : POLLOUT)), 0};
    poll(&p, 1, out.empty() && flooded < kFloodBytes ? 0 : 20);
  }
  // Its requests were heard and answered all along: at least hello, ap_start and the scan.
  EXPECT_GE(requests, 3u) << serial_log();
  EXPECT_NE(serial_log().find("ap: open"), std::string::npos) << serial_log();
}

}  // namespace
}  // namespace onboard::e2e
