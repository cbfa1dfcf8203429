// The chip itself: identity, restart, and the serial monitor the log lines go to.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace onboard::hal {

class System {
 public:
  // A stable id of this chip (eFuse MAC on ESP32); the AP name's 4-char code comes from it.
  virtual std::uint64_t chip_id() const = 0;
  // Restart the device; on Linux the process restarts itself. May not return.
  virtual void restart() = 0;
  virtual std::size_t free_memory() const = 0;
  // One finished line for the serial monitor (no trailing newline).
  virtual void log_line(std::string_view line) = 0;

 protected:
  ~System() = default;
};

}  // namespace onboard::hal
