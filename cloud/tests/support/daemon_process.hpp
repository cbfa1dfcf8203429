// A server program (PostgreSQL, Redis, HAProxy) run by a test in the background: as an
// unprivileged account when the test runs as root, its output in a log file, stopped cleanly.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
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

// What every test server starts from: its program installed, the account it runs as and its
// own directory (from a mkdtemp pattern such as "/tmp/onboard-redis-XXXXXX"), owned by that
// account. error says what is missing, and then dir is empty.
struct DaemonHome {
  Account account;
  std::string dir;
  std::string error;
};
DaemonHome daemon_home(const std::string& program, const char* dir_pattern);

// A file's text, "" when it cannot be read (a server's log).
std::string read_text(const std::string& path);

// A first start takes a free port into `port` and tries up to three, because another process
// may bind the one offered first; a restart keeps `port` (clients hold its URL) and tries once.
bool start_on_free_port(int& port, const std::function<bool()>& try_start);

// How a server shows it is up: `check` holds (polled every `step` for at most `limit`).
struct Readiness {
  std::string name;  // the program as errors name it: "redis-server"
  std::string what;  // what it must do: "answer PING"
  std::function<bool()> check;
  std::chrono::milliseconds limit;
  std::chrono::milliseconds step;
};

class DaemonProcess {
 public:
  DaemonProcess() = default;
  ~DaemonProcess();
  DaemonProcess(const DaemonProcess&) = delete;
  DaemonProcess& operator=(const DaemonProcess&) = delete;

  // Starts argv[0] (a full path) as `who`, stdout and stderr appended to log_path.
  bool start(const std::vector<std::string>& argv, const std::string& log_path, const Account& who);
  // start(), then waits until the server is ready: "" then, else why not (it could not start,
  // exited first, or was not ready in time and was killed), ending with its log.
  std::string start_ready(const std::vector<std::string>& argv, const std::string& log_path,
                          const Account& who, const Readiness& ready);
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
