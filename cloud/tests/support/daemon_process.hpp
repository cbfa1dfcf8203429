// A server program (PostgreSQL, Redis, HAProxy) run by a test in the background: as an
// unprivileged account when the test runs as root, its output in a log file, stopped cleanly.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace onboard::cloud::test {

// Who the test's servers run as: the current user, or when that is root an
// unprivileged system account ("onboard-test", created on first use), because
// PostgreSQL refuses to run as root and the others need not.
struct Account {
  uid_t uid = 0;
  gid_t gid = 0;
  bool switch_to = false;  // true when the current user is root
};
// The account, or an error saying why there is none.
struct AccountResult {
  Account account;
  std::string error;
};
AccountResult unprivileged_account();

// Gives `path` (recursively when it is a directory) to the account.
bool give_to(const Account& who, const std::string& path);

// A free TCP port on 127.0.0.1 at the moment of asking (the kernel's pick).
int free_port();

class DaemonProcess {
 public:
  DaemonProcess() = default;
  ~DaemonProcess();
  DaemonProcess(const DaemonProcess&) = delete;
  DaemonProcess& operator=(const DaemonProcess&) = delete;

  // Starts argv[0] (a full path) as `who`, stdout and stderr appended to log_path.
  bool start(const std::vector<std::string>& argv, const std::string& log_path, const Account& who);
  // Sends `signal`, waits up to `limit` for the exit, then SIGKILL. Returns the exit status (or -signal).
  int stop(int signal, std::chrono::milliseconds limit = std::chrono::seconds(10));
  // True while the process has not exited (reaps it when it has).
  bool running();
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int status_ = 0;
};

// Runs a program to completion as `who` (stdin from stdin_path, output to log_path);
// returns its exit code or -1.
int run_as(const std::vector<std::string>& argv, const std::string& log_path, const Account& who,
           const std::string& stdin_path = "/dev/null");

}  // namespace onboard::cloud::test
