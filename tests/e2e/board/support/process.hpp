// Runs a program (onboard-air, curl in a phone, chromium ...) for the board
// scenarios: captures its output, kills it at a deadline, or leaves it running.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace onboard::e2e {

struct RunResult {
  int code = -1;  // exit code; 128 + signal when killed; -1 when it could not start
  bool timed_out = false;
  std::string out;
  std::string err;
};

// Runs argv[0] (a path, or a name looked up in PATH) and waits at most `limit`
// (then SIGKILL to its process group: nothing it started outlives the call).
RunResult run(const std::vector<std::string>& argv,
              std::chrono::milliseconds limit = std::chrono::seconds(60));

// A program left running (e.g. a request the board is cut off in the middle of).
// Killed with its process group on destruction.
class Background {
 public:
  explicit Background(const std::vector<std::string>& argv);
  ~Background();
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;

  // Waits for the end (at most `limit`, then kills); returns the exit code.
  int wait(std::chrono::milliseconds limit);

 private:
  pid_t pid_ = -1;
};

// A word for `sh -c`: in single quotes, so nothing in it is expanded.
std::string shell_quote(const std::string& word);

}  // namespace onboard::e2e
