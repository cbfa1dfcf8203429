#include "server_probe.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>

namespace onboard::fleet {

std::optional<ProcSample> sample_process(pid_t pid) {
  ProcSample s;
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  if (!status) return std::nullopt;
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) s.rss_kb = std::stoull(line.substr(6));
  }
  std::ifstream stat_file("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(stat_file)), std::istreambuf_iterator<char>());
  const auto paren = stat.rfind(')');
  if (paren == std::string::npos) return std::nullopt;
  // After "pid (comm)": state is field 3; utime and stime are fields 14 and 15.
  std::istringstream rest(stat.substr(paren + 2));
  std::string field;
  unsigned long long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14) utime = std::stoull(field);
    if (i == 15) stime = std::stoull(field);
  }
  const auto ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
  s.cpu_seconds = static_cast<double>(utime + stime) / ticks;
  return s;
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

}  // namespace onboard::fleet
