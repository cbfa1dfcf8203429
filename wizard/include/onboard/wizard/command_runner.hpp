// Running a helper program (nmcli) without a shell, with a deadline, capturing its output.
// An interface so the NetworkManager backend can be tested without NetworkManager.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "onboard/wizard/failure.hpp"

namespace onboard::wizard {

struct CommandOutput {
  int exit_code = 0;
  std::string out;
  std::string err;
};

class CommandRunner {
 public:
  virtual ~CommandRunner() = default;
  // Fails only when the program cannot be started or overruns `timeout` (then it is killed).
  virtual Result<CommandOutput> run(const std::vector<std::string>& argv,
                                    std::chrono::milliseconds timeout) = 0;
};

// posix_spawnp + pipes + poll.
class ProcessRunner : public CommandRunner {
 public:
  Result<CommandOutput> run(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) override;
};

}  // namespace onboard::wizard
