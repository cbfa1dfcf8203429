#include "net/namespaces.hpp"

#include <fcntl.h>
#include <sched.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "net/command.hpp"

namespace onboard::air {
namespace fs = std::filesystem;

namespace {

const fs::path kNetnsDir = "/run/netns";
const fs::path kEtcNetns = "/etc/netns";

}  // namespace

bool add_namespace(const std::string& ns, std::string* error) {
  if (!ip({"netns", "add", ns}, error)) return false;
  return ip_in(ns, {"link", "set", "lo", "up"}, error);
}

void delete_namespace(const std::string& ns) {
  // Processes keep a namespace alive after its name is gone: kill them first.
  for (int attempt = 0; attempt < 50 && kill_namespace_processes(ns) > 0; ++attempt) {
    usleep(10000);
  }
  std::string error;
  ip({"netns", "del", ns}, &error);
  std::error_code ec;
  fs::remove_all(kEtcNetns / ns, ec);
}

std::vector<std::string> list_namespaces(const std::string& prefix) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(kNetnsDir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0) out.push_back(name);
  }
  return out;
}

bool namespace_exists(const std::string& ns) {
  std::error_code ec;
  return fs::exists(kNetnsDir / ns, ec);
}

std::vector<pid_t> namespace_pids(const std::string& ns) {
  std::vector<pid_t> pids;
  struct stat target {};
  if (stat((kNetnsDir / ns).c_str(), &target) != 0) return pids;
  const pid_t self = getpid();
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    struct stat st {};
    if (stat((entry.path() / "ns" / "net").c_str(), &st) != 0) continue;
    if (st.st_ino != target.st_ino || st.st_dev != target.st_dev) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(name));
    if (pid != self) pids.push_back(pid);
  }
  return pids;
}

int kill_namespace_processes(const std::string& ns) {
  int n = 0;
  for (pid_t pid : namespace_pids(ns)) {
    // A zombie still shows its namespace; signalling it is harmless.
    if (kill(pid, SIGKILL) == 0) ++n;
  }
  return n;
}

bool set_sysctl(const std::string& ns, const std::string& key, const std::string& value, std::string* error) {
  const pid_t pid = fork();
  if (pid < 0) {
    *error = "fork failed";
    return false;
  }
  if (pid == 0) {
    if (!enter_namespace(ns)) _exit(1);
    std::ofstream out("/proc/sys/" + key);
    out << value << '\n';
    out.close();
    _exit(out ? 0 : 2);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return true;
  *error = "cannot set " + key + " in " + ns;
  return false;
}

void write_resolv_conf(const std::string& ns, const std::string& nameserver) {
  std::error_code ec;
  fs::create_directories(kEtcNetns / ns, ec);
  std::ofstream out(kEtcNetns / ns / "resolv.conf", std::ios::trunc);
  out << "# written by onboard-air: the DNS of the network this host has joined\n"
      << "nameserver " << nameserver << "\n";
}

bool enter_namespace(const std::string& ns) {
  const int fd = open((kNetnsDir / ns).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = setns(fd, CLONE_NEWNET) == 0;
  close(fd);
  return ok;
}

}  // namespace onboard::air
