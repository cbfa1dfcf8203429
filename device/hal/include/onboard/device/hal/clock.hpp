// The monotonic clock that drives every timer of the core (debounce, backoff,
// heartbeats, LED patterns). Never goes backwards; wall time is not needed.
#pragma once

#include <cstdint>

namespace onboard::hal {

class Clock {
 public:
  virtual std::uint64_t now_ms() const = 0;

 protected:
  ~Clock() = default;
};

}  // namespace onboard::hal
