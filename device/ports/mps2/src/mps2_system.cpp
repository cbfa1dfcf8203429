#include "onboard/device/ports/mps2/mps2_system.hpp"

#include <cstring>

#include "mps2_startup.h"
#include "onboard/device/ports/mps2/semihosting.hpp"

extern "C" char __bss_end__[];
extern "C" char __stack_top[];

namespace onboard::mps2 {

std::uint64_t SysTickClock::now_ms() const {
  const std::uint32_t now = mps2_milliseconds;
  if (now < last_) high_ += std::uint64_t{1} << 32;
  last_ = now;
  return high_ | now;
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
