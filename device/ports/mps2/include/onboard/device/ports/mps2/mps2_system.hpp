// The chip of the mps2-an386 board: SysTick's millisecond clock (widened to
// 64 bits), identity, reset, and the serial monitor on semihosted stdout.
#pragma once

#include <cstdint>
#include <string_view>

#include "onboard/device/hal/clock.hpp"
#include "onboard/device/hal/system.hpp"

namespace onboard::mps2 {

class SysTickClock final : public hal::Clock {
 public:
  std::uint64_t now_ms() const override;

 private:
  mutable std::uint32_t last_ = 0;
  mutable std::uint64_t high_ = 0;  // wraps of the 32-bit count, << 32
};

class Mps2System final : public hal::System {
 public:
  explicit Mps2System(std::uint64_t chip_id) : chip_id_(chip_id) {}
  std::uint64_t chip_id() const override { return chip_id_; }
  // SYSRESETREQ: QEMU resets the board and reloads the image; the flash file stays.
  void restart() override;
  std::size_t free_memory() const override;
  void log_line(std::string_view line) override;

 private:
  std::uint64_t chip_id_;
};

// One line on the serial monitor (semihosted stdout), for code without a System.
void serial_line(std::string_view line);

}  // namespace onboard::mps2
