// What the air tells a board's program through its environment: where the
// control socket is, the board's name, its chip id and its storage directory.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace onboard::port {

struct AirEnvironment {
  std::string socket_path;               // ONBOARD_AIR_SOCKET
  std::string host;                      // ONBOARD_AIR_HOST
  std::optional<std::uint64_t> chip_id;  // ONBOARD_AIR_CHIP_ID (hex)
  std::string storage_dir;               // ONBOARD_AIR_STORAGE (may be empty)
};

// Reads the variables through getenv (or a stand-in, for tests). Returns nullopt
// and a sentence in *why when the program was not started by onboard-air
// (socket or host missing) or the chip id is not hex.
std::optional<AirEnvironment> read_air_environment(std::string* why,
                                                   const std::function<const char*(const char*)>& getenv_fn);
std::optional<AirEnvironment> read_air_environment(std::string* why);

}  // namespace onboard::port
