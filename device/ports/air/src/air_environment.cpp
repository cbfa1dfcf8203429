#include "onboard/device/ports/air/air_environment.hpp"

#include <cstdlib>

#include "onboard/device/ports/linux/linux_system.hpp"
#include "onboard/protocol/air/limits.hpp"

namespace onboard::port {

std::optional<AirEnvironment> read_air_environment(std::string* why,
                                                   const std::function<const char*(const char*)>& getenv_fn) {
  auto get = [&](const char* name) {
    const char* value = getenv_fn(name);
    return std::string(value == nullptr ? "" : value);
  };
  AirEnvironment env;
  env.socket_path = get(air::kEnvSocket);
  env.host = get(air::kEnvHost);
  env.storage_dir = get(air::kEnvStorage);
  if (env.socket_path.empty() || env.host.empty()) {
    *why = std::string("--wifi air needs ") + air::kEnvSocket + " and " + air::kEnvHost +
           ": start the program with \"onboard-air board add NAME -- onboard-device ...\"";
    return std::nullopt;
  }
  const std::string chip = get(air::kEnvChipId);
  if (!chip.empty()) {
    env.chip_id = parse_chip_id(chip);
    if (!env.chip_id) {
      *why = std::string(air::kEnvChipId) + "=" + chip + " is not a hex chip id";
      return std::nullopt;
    }
  }
  return env;
}

std::optional<AirEnvironment> read_air_environment(std::string* why) {
  return read_air_environment(why,
                              [](const char* name) { return static_cast<const char*>(std::getenv(name)); });
}

}  // namespace onboard::port
