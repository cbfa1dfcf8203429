// Runs the real onboard-cloud binary for a test: a fresh data directory,
// ports picked by the kernel, the "listening" line read from its stdout.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace onboard::cloud::test {

class ServerProcess {
 public:
  // A new data directory under /tmp (removed by the destructor unless keep_data()).
  ServerProcess();
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Runs `onboard-cloud user add`; returns its exit code.
  int add_user(const std::string& email, const std::string& password, const std::string& role,
               const std::string& org = "Acme");
  // Starts `serve` with extra flags; false when no listening line came within 30 s.
  bool start(const std::vector<std::string>& extra = {});
  // SIGTERM (clean) or SIGKILL, then waits; returns the exit status (or -signal).
  int stop(bool kill = false);
  // Waits for the process to end by itself (after a signal the test sent); its exit status (or -signal).
  int wait_exit();

  const std::string& plain() const { return plain_; }
  const std::string& tls() const { return tls_; }
  const std::string& data_dir() const { return data_dir_; }
  const std::string& stdout_text() const { return stdout_; }
  pid_t pid() const { return pid_; }
  std::string log() const;  // its stderr so far

 private:
  std::string data_dir_;
  std::string plain_;
  std::string tls_;
  std::string stdout_;
  pid_t pid_ = -1;
};

}  // namespace onboard::cloud::test
