#include "onboard/device/ports/mps2/mps2_system.hpp"

#include <cstring>

#include "mps2_startup.h"
#include "onboard/device/ports/mps2/semihosting.hpp"

extern "C" char __bss_end__[];
extern "C" char __stack_top[];

namespace onboard::mps2 {

namespace {

// CMSDK APB timer 0, clocked at the 25 MHz peripheral clock, counting down.
volatile std::uint32_t* const kTimer0 = reinterpret_cast<volatile std::uint32_t*>(0x40000000u);
constexpr std::size_t kCtrl = 0, kValue = 1, kReload = 2;
constexpr std::uint64_t kTicksPerMs = 25000;

std::uint32_t g_last_value = 0xFFFFFFFFu;
std::uint64_t g_ticks = 0;

}  // namespace

void start_board_clock() {
  kTimer0[kCtrl] = 0;
  kTimer0[kReload] = 0xFFFFFFFFu;
  kTimer0[kValue] = 0xFFFFFFFFu;
  kTimer0[kCtrl] = 1;  // enable, no interrupt
  g_last_value = kTimer0[kValue];
}

std::uint64_t board_now_ms() {
  const std::uint32_t value = kTimer0[kValue];
  g_ticks += static_cast<std::uint32_t>(g_last_value - value);  // down counter, modulo 2^32
  g_last_value = value;
  return g_ticks / kTicksPerMs;
}

void Mps2System::restart() {
  serial_line("mps2: restart (system reset)");
  mps2_system_reset();
}

std::size_t Mps2System::free_memory() const {
  // No heap: what lies between the statics and the top of the stack, less the stack itself.
  char here = 0;
  return static_cast<std::size_t>(&here - __bss_end__);
}

void Mps2System::log_line(std::string_view line) {
  serial_line(line);
}

void serial_line(std::string_view line) {
  char text[512];
  const std::size_t n = line.size() < sizeof text - 1 ? line.size() : sizeof text - 1;
  std::memcpy(text, line.data(), n);
  text[n] = '\n';
  host_write(host_stdout(), text, n + 1);
}

}  // namespace onboard::mps2
