// A polled CMSDK APB UART of the mps2-an386 (UART0 at 0x40004000): the board's
// radio link. QEMU's model holds one received byte until it is read, so the
// sender waits and nothing is lost however slowly the firmware polls.
#pragma once

#include <cstddef>
#include <cstdint>

namespace onboard::mps2 {

class CmsdkUart {
 public:
  explicit CmsdkUart(std::uintptr_t base) : base_(base) {}

  void begin();
  // Writes bytes while the transmitter has room; returns how many it took.
  std::size_t write(const std::uint8_t* data, std::size_t length);
  // Reads what has arrived, up to capacity bytes.
  std::size_t read(std::uint8_t* out, std::size_t capacity);

 private:
  volatile std::uint32_t& reg(std::size_t offset) const {
    return *reinterpret_cast<volatile std::uint32_t*>(base_ + offset);
  }
  std::uintptr_t base_;
};

}  // namespace onboard::mps2
