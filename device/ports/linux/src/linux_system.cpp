#include "onboard/device/ports/linux/linux_system.hpp"

#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>

namespace onboard::port {

LinuxSystem::LinuxSystem(std::uint64_t chip_id, std::vector<std::string> argv, int log_fd)
    : chip_id_(chip_id), argv_(std::move(argv)), log_fd_(log_fd) {}

void LinuxSystem::restart() {
  log_line("restarting (re-exec)");
  std::vector<char*> args;
  for (std::string& arg : argv_) args.push_back(arg.data());
  args.push_back(nullptr);
  ::execv("/proc/self/exe", args.data());
  log_line(std::string("restart failed: execv: ") + std::strerror(errno));
}

std::size_t LinuxSystem::free_memory() const {
  const long pages = sysconf(_SC_AVPHYS_PAGES);
  const long page_size = sysconf(_SC_PAGESIZE);
  if (pages < 0 || page_size < 0) return 0;
  return static_cast<std::size_t>(pages) * static_cast<std::size_t>(page_size);
}

void LinuxSystem::log_line(std::string_view line) {
  timeval now{};
  gettimeofday(&now, nullptr);
  tm local{};
  localtime_r(&now.tv_sec, &local);
  char prefix[32];
  const int n = std::snprintf(prefix, sizeof prefix, "%02d:%02d:%02d.%03ld ", local.tm_hour, local.tm_min,
                              local.tm_sec, static_cast<long>(now.tv_usec / 1000));
  std::string text(prefix, n > 0 ? static_cast<std::size_t>(n) : 0);
  text.append(line);
  text.push_back('\n');
  const char* data = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    const ssize_t done = ::write(log_fd_, data, left);
    if (done < 0 && errno == EINTR) continue;
    if (done <= 0) return;  // nowhere to log to; the device keeps running
    data += done;
    left -= static_cast<std::size_t>(done);
  }
}

std::optional<std::uint64_t> parse_chip_id(std::string_view text) {
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) text.remove_prefix(2);
  if (text.empty() || text.size() > 16) return std::nullopt;
  std::uint64_t value = 0;
  for (const char c : text) {
    int digit = 0;
    if (c >= '0' && c <= '9')
      digit = c - '0';
    else if (c >= 'a' && c <= 'f')
      digit = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      digit = c - 'A' + 10;
    else
      return std::nullopt;
    value = (value << 4) | static_cast<std::uint64_t>(digit);
  }
  return value;
}

std::uint64_t machine_chip_id() {
  std::ifstream file("/etc/machine-id");
  std::string id;
  if (!(file >> id) || id.empty()) return 0;
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (const char c : id) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ull;
  }
  return hash;
}

}  // namespace onboard::port
