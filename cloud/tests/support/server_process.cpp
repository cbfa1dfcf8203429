#include "support/server_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace onboard::cloud::test {

ServerProcess::ServerProcess() {
  char dir[] = "/tmp/onboard-cloud-test-XXXXXX";
  data_dir_ = ::mkdtemp(dir);
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) stop(true);
  std::error_code ignored;
  std::filesystem::remove_all(data_dir_, ignored);
}

int ServerProcess::add_user(const std::string& email, const std::string& password, const std::string& role,
                            const std::string& org) {
  const std::string cmd = std::string(ONBOARD_CLOUD_BIN) + " user add --data-dir " + data_dir_ +
                          " --email '" + email + "' --password '" + password + "' --role " + role +
                          " --org '" + org + "' >/dev/null 2>&1";
  const int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

bool ServerProcess::start(const std::vector<std::string>& extra) {
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) return false;
  const std::string log_path = data_dir_ + "/server.log";
  std::vector<std::string> args = {ONBOARD_CLOUD_BIN, "serve",       "--data-dir",   data_dir_,
                                   "--listen",        "127.0.0.1:0", "--tls-listen", "127.0.0.1:0"};
  args.insert(args.end(), extra.begin(), extra.end());
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(out[1], 1);
    const int err = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    ::dup2(err, 2);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(out[1]);
  stdout_.clear();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{out[0], POLLIN, 0};
    if (::poll(&p, 1, 200) <= 0) continue;
    char buf[512];
    const auto n = ::read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    stdout_.append(buf, static_cast<std::size_t>(n));
    const auto at = stdout_.find("listening plain=");
    if (at != std::string::npos && stdout_.find('\n', at) != std::string::npos) {
      std::istringstream line(stdout_.substr(at));
      std::string word;
      line >> word >> plain_ >> tls_;
      plain_ = plain_.substr(6);
      tls_ = tls_.substr(4);
      ::close(out[0]);  // the server writes nothing more to stdout
      return true;
    }
  }
  ::close(out[0]);
  return false;
}

int ServerProcess::stop(bool kill) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, kill ? SIGKILL : SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

int ServerProcess::wait_exit() {
  if (pid_ <= 0) return -1;
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

std::string ServerProcess::log() const {
  std::ifstream in(data_dir_ + "/server.log");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace onboard::cloud::test
