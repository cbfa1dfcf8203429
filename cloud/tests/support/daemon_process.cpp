#include "support/daemon_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace onboard::cloud::test {

namespace {

constexpr const char* kAccountName = "onboard-test";

std::vector<char*> pointers(std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  return argv;
}

// Between fork and exec only async-signal-safe calls: everything is prepared before.
pid_t spawn(std::vector<std::string> args, const std::string& log_path, const Account& who,
            const std::string& stdin_path = "/dev/null") {
  auto argv = pointers(args);
  const pid_t pid = ::fork();
  if (pid != 0) return pid;
  const int log = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  const int null = ::open(stdin_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (log < 0 || null < 0) ::_exit(126);
  ::dup2(null, 0);
  ::dup2(log, 1);
  ::dup2(log, 2);
  // Its own process group: a Ctrl-C meant for the test does not stop it half-way.
  ::setpgid(0, 0);
  if (who.switch_to && (::setgroups(0, nullptr) != 0 || ::setgid(who.gid) != 0 || ::setuid(who.uid) != 0))
    ::_exit(126);
  // The test's own directory may be closed to the unprivileged account (a checkout
  // under a 0700 directory), and HAProxy refuses to start when it cannot return to
  // its start directory: every daemon starts in "/" and is given absolute paths.
  if (who.switch_to && ::chdir("/") != 0) ::_exit(126);
  ::execv(argv[0], argv.data());
  ::_exit(127);
}

}  // namespace

AccountResult unprivileged_account() {
  AccountResult result;
  if (::geteuid() != 0) {
    result.account = Account{::geteuid(), ::getegid(), false};
    return result;
  }
  const passwd* pw = ::getpwnam(kAccountName);
  if (pw == nullptr) {
    // Two test processes may race here; the loser's useradd fails and the lookup below finds the winner's.
    const std::string cmd = std::string("useradd --system --no-create-home --shell /usr/sbin/nologin ") +
                            kAccountName + " >/dev/null 2>&1";
    [[maybe_unused]] const int rc = std::system(cmd.c_str());
    pw = ::getpwnam(kAccountName);
  }
  if (pw == nullptr) {
    result.error = std::string("cannot create the unprivileged account ") + kAccountName + " (useradd)";
    return result;
  }
  result.account = Account{pw->pw_uid, pw->pw_gid, true};
  return result;
}

bool give_to(const Account& who, const std::string& path) {
  if (!who.switch_to) return true;
  if (::chown(path.c_str(), who.uid, who.gid) != 0) return false;
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) return true;
  for (auto it = std::filesystem::recursive_directory_iterator(path, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (::lchown(it->path().c_str(), who.uid, who.gid) != 0) return false;
  }
  return !ec;
}

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = -1;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

DaemonHome daemon_home(const std::string& program, const char* dir_pattern) {
  DaemonHome home;
  const std::string name = std::filesystem::path(program).filename().string();
  std::error_code ec;
  if (!std::filesystem::exists(program, ec)) {
    home.error = "no " + name + " (scripts/install-deps installs it)";
    return home;
  }
  auto who = unprivileged_account();
  if (!who.error.empty()) {
    home.error = who.error;
    return home;
  }
  home.account = who.account;
  std::string path = dir_pattern;
  if (::mkdtemp(path.data()) == nullptr) {
    home.error = "cannot make a directory in /tmp for " + name;
    return home;
  }
  if (!give_to(home.account, path)) {
    std::filesystem::remove_all(path, ec);
    home.error = "cannot give " + path + " to the account " + name + " runs as";
    return home;
  }
  home.dir = path;
  return home;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool start_on_free_port(int& port, const std::function<bool()>& try_start) {
  const bool keep_port = port != 0;
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (!keep_port) port = free_port();
    if (try_start()) return true;
    if (keep_port) break;
  }
  return false;
}

DaemonProcess::~DaemonProcess() {
  if (pid_ > 0) stop(SIGKILL);
}

bool DaemonProcess::start(const std::vector<std::string>& argv, const std::string& log_path,
                          const Account& who) {
  if (pid_ > 0) return false;
  pid_ = spawn(argv, log_path, who);
  return pid_ > 0;
}

std::string DaemonProcess::start_ready(const std::vector<std::string>& argv, const std::string& log_path,
                                       const Account& who, const Readiness& ready) {
  if (!start(argv, log_path, who)) return "cannot start " + ready.name;
  const auto deadline = std::chrono::steady_clock::now() + ready.limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (!running()) return ready.name + " exited: " + read_text(log_path);
    if (ready.check()) return {};
    std::this_thread::sleep_for(ready.step);
  }
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(ready.limit).count();
  std::string error = ready.name + " did not " + ready.what + " within " + std::to_string(seconds) +
                      " s: " + read_text(log_path);
  stop(SIGKILL);
  return error;
}

bool DaemonProcess::running() {
  if (pid_ <= 0) return false;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) == pid_) {
    status_ = status;
    pid_ = -1;
    return false;
  }
  return true;
}

int DaemonProcess::stop(int signal, std::chrono::milliseconds limit) {
  if (pid_ > 0) {
    ::kill(pid_, signal);
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (running() && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status_, 0);
      pid_ = -1;
    }
  }
  return WIFEXITED(status_) ? WEXITSTATUS(status_) : -WTERMSIG(status_);
}

int run_as(const std::vector<std::string>& argv, const std::string& log_path, const Account& who,
           const std::string& stdin_path) {
  const pid_t pid = spawn(argv, log_path, who, stdin_path);
  if (pid < 0) return -1;
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace onboard::cloud::test
