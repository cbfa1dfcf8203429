// What the generator reads about the server process from /proc.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>

namespace onboard::fleet {

struct ProcSample {
  std::uint64_t rss_kb = 0;  // VmRSS of /proc/<pid>/status
  double cpu_seconds = 0;    // utime + stime of /proc/<pid>/stat
};

std::optional<ProcSample> sample_process(pid_t pid);

// "up 1:38, load average: 15.78, 15.07, 12.98" -> "15.78 15.07 12.98"
std::string load_average();

}  // namespace onboard::fleet
