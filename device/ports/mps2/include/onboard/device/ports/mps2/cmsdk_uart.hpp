// The CMSDK APB UART0 of the mps2-an386 (0x40004000): the board's radio link.
// QEMU's model holds one received byte until it is read (the sender waits, so
// nothing is lost); the RX interrupt empties it into a ring at once, because a
// byte per loop (1 ms) made a scan reply take most of a second. Sending is polled.
#pragma once

#include <cstddef>
#include <cstdint>

namespace onboard::mps2 {

class CmsdkUart {
 public:
  explicit CmsdkUart(std::uintptr_t base) : base_(base) {}

  // Enables the RX interrupt (UART0 only: IRQ 0 in the vector table).
  void begin();
  // Writes bytes while the transmitter has room; returns how many it took.
  std::size_t write(const std::uint8_t* data, std::size_t length);
  // Reads what has arrived (the ring, then the register), up to capacity bytes.
  std::size_t read(std::uint8_t* out, std::size_t capacity);

 private:
  volatile std::uint32_t& reg(std::size_t offset) const {
    return *reinterpret_cast<volatile std::uint32_t*>(base_ + offset);
  }
  std::uintptr_t base_;
};

}  // namespace onboard::mps2
