// A command (nmcli) run as a child process without blocking the loop: its
// stdout and stderr are collected as they come and its exit is reaped by pump().
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "onboard/device/ports/linux/poller.hpp"

namespace onboard::port {

class ChildProcess final : public PollSource {
 public:
  ChildProcess() = default;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  // A child still running is sent SIGTERM and reaped.
  ~ChildProcess();

  // Starts argv[0] (searched in PATH). false when it could not start (then
  // finished() is true with exit_code() 127 and the reason in error_output()).
  bool start(const std::vector<std::string>& argv);
  // Reads what is available and reaps the child once its pipes closed.
  void pump();

  bool running() const { return pid_ > 0; }
  bool finished() const { return finished_; }
  // The exit status, or 128 + signal number when it was killed.
  int exit_code() const { return exit_code_; }
  const std::string& output() const { return out_; }
  const std::string& error_output() const { return err_; }

  void add_to(Poller& poller) const override;

 private:
  void drain(int* fd, std::string* into);
  void reap(bool wait);

  pid_t pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  bool finished_ = false;
  int exit_code_ = 0;
  std::string out_;
  std::string err_;
};

}  // namespace onboard::port
