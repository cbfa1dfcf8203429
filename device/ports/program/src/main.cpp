// onboard-device: the Onboard device SDK as a Linux program. Its stderr is the
// board's serial monitor (in the air: "onboard-air log NAME").
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "device_loop.hpp"
#include "device_options.hpp"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  const onboard::program::ParsedOptions parsed = onboard::program::parse_device_options(
      args, [](const char* name) -> const char* { return std::getenv(name); });
  if (!parsed.options) {
    std::fputs(parsed.message.c_str(), parsed.exit_code == 0 ? stdout : stderr);
    return parsed.exit_code;
  }
  return onboard::program::run_device(*parsed.options, std::vector<std::string>(argv, argv + argc));
}
