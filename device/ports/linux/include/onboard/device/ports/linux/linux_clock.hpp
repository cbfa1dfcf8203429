// The core's monotonic clock on Linux: CLOCK_MONOTONIC, in milliseconds since
// the clock object was made (small numbers read well in the serial monitor).
#pragma once

#include <cstdint>

#include "onboard/device/hal/clock.hpp"

namespace onboard::port {

class LinuxClock final : public hal::Clock {
 public:
  LinuxClock();
  std::uint64_t now_ms() const override;

 private:
  std::uint64_t start_ms_;
};

// Raw CLOCK_MONOTONIC milliseconds (for deadlines outside the core).
std::uint64_t monotonic_ms();

}  // namespace onboard::port
