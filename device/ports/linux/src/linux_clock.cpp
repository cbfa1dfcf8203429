#include "onboard/device/ports/linux/linux_clock.hpp"

#include <time.h>

namespace onboard::port {

std::uint64_t monotonic_ms() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<std::uint64_t>(now.tv_sec) * 1000u + static_cast<std::uint64_t>(now.tv_nsec) / 1000000u;
}

LinuxClock::LinuxClock() : start_ms_(monotonic_ms()) {}

std::uint64_t LinuxClock::now_ms() const {
  return monotonic_ms() - start_ms_;
}

}  // namespace onboard::port
