// The chip of the mps2-an386 board: a millisecond clock read from the free-running
// CMSDK timer 0, identity, reset, and the serial monitor on semihosted stdout.
#pragma once

#include <cstdint>
#include <string_view>

#include "onboard/device/hal/clock.hpp"
#include "onboard/device/hal/system.hpp"

namespace onboard::mps2 {

// Time is read from the timer's counter, not counted in interrupts: a host busy
// elsewhere delays the SysTick interrupt and merged ticks would make the clock
// slow (measured: 14% at load 16), while the counter follows the emulator's clock.
// now_ms() must be called at least every 171 s (a 32-bit wrap at 25 MHz): the loop does.
void start_board_clock();
std::uint64_t board_now_ms();

class TimerClock final : public hal::Clock {
 public:
  std::uint64_t now_ms() const override { return board_now_ms(); }
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
