#include "onboard/device/ports/nm/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

extern char** environ;

namespace onboard::port {

ChildProcess::~ChildProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    reap(true);
  }
  if (out_fd_ >= 0) ::close(out_fd_);
  if (err_fd_ >= 0) ::close(err_fd_);
}

bool ChildProcess::start(const std::vector<std::string>& argv) {
  out_.clear();
  err_.clear();
  finished_ = false;
  exit_code_ = 0;
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) return false;
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    ::close(out_pipe[0]);
    ::close(out_pipe[1]);
    return false;
  }
  // Only our ends are non-blocking: the child writes its output normally.
  fcntl(out_pipe[0], F_SETFL, O_NONBLOCK);
  fcntl(err_pipe[0], F_SETFL, O_NONBLOCK);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  const int error =
      argv.empty() ? EINVAL : posix_spawnp(&pid_, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  out_fd_ = out_pipe[0];
  err_fd_ = err_pipe[0];
  if (error != 0) {
    pid_ = -1;
    ::close(out_fd_);
    ::close(err_fd_);
    out_fd_ = err_fd_ = -1;
    finished_ = true;
    exit_code_ = 127;
    err_ = "cannot run " + (argv.empty() ? std::string("nothing") : argv[0]) + ": " + std::strerror(error);
    return false;
  }
  return true;
}

void ChildProcess::drain(int* fd, std::string* into) {
  if (*fd < 0) return;
  char buffer[4096];
  while (true) {
    const ssize_t got = ::read(*fd, buffer, sizeof buffer);
    if (got > 0) {
      into->append(buffer, static_cast<std::size_t>(got));
      continue;
    }
    if (got < 0 && (errno == EAGAIN || errno == EINTR)) return;
    ::close(*fd);  // EOF (or an error): nothing more will come
    *fd = -1;
    return;
  }
}

void ChildProcess::reap(bool wait) {
  int status = 0;
  const pid_t done = ::waitpid(pid_, &status, wait ? 0 : WNOHANG);
  if (done != pid_) return;
  pid_ = -1;
  finished_ = true;
  exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void ChildProcess::pump() {
  drain(&out_fd_, &out_);
  drain(&err_fd_, &err_);
  // Reaped only after both pipes reached EOF, so no output is lost.
  if (pid_ > 0 && out_fd_ < 0 && err_fd_ < 0) reap(false);
}

void ChildProcess::add_to(Poller& poller) const {
  poller.add(out_fd_, POLLIN);
  poller.add(err_fd_, POLLIN);
  // Pipes closed but not yet reaped: the Poller's short cap brings the next pump().
}

}  // namespace onboard::port
