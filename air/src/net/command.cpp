#include "net/command.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

namespace onboard::air {

bool run_command(const std::vector<std::string>& argv, std::string* error) {
  int err_pipe[2];
  if (pipe2(err_pipe, O_CLOEXEC) != 0) {
    *error = std::string("pipe: ") + std::strerror(errno);
    return false;
  }
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  const pid_t pid = fork();
  if (pid < 0) {
    *error = std::string("fork: ") + std::strerror(errno);
    close(err_pipe[0]);
    close(err_pipe[1]);
    return false;
  }
  if (pid == 0) {
    sigset_t all;
    sigemptyset(&all);
    sigprocmask(SIG_SETMASK, &all, nullptr);
    dup2(err_pipe[1], 2);
    const int devnull = open("/dev/null", O_RDWR);
    if (devnull >= 0) {
      dup2(devnull, 0);
      dup2(devnull, 1);
    }
    execvp(args[0], args.data());
    dprintf(2, "cannot run %s: %s", args[0], std::strerror(errno));
    _exit(127);
  }
  close(err_pipe[1]);
  std::string err;
  char buf[512];
  for (;;) {
    const ssize_t n = read(err_pipe[0], buf, sizeof buf);
    if (n > 0) {
      if (err.size() < 4096) err.append(buf, static_cast<std::size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      break;
    }
  }
  close(err_pipe[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return true;
  while (!err.empty() && (err.back() == '\n' || err.back() == ' ')) err.pop_back();
  std::string command;
  for (const auto& a : argv) command += (command.empty() ? "" : " ") + a;
  *error = command + ": " + (err.empty() ? "failed" : err);
  return false;
}

bool ip(std::vector<std::string> args, std::string* error) {
  args.insert(args.begin(), "ip");
  return run_command(args, error);
}

bool ip_in(const std::string& ns, std::vector<std::string> args, std::string* error) {
  args.insert(args.begin(), {"-n", ns});
  return ip(std::move(args), error);
}

}  // namespace onboard::air
