#include "onboard/device/ports/mps2/cmsdk_uart.hpp"

namespace onboard::mps2 {

namespace {
constexpr std::size_t kData = 0x00, kState = 0x04, kCtrl = 0x08, kBaudDiv = 0x10;
constexpr std::uint32_t kTxFull = 1u << 0, kRxFull = 1u << 1;
constexpr std::uint32_t kTxEnable = 1u << 0, kRxEnable = 1u << 1;
}  // namespace

void CmsdkUart::begin() {
  // QEMU's model refuses to move bytes until a valid divider (>= 16) is set.
  reg(kBaudDiv) = 16;
  reg(kCtrl) = kTxEnable | kRxEnable;
}

std::size_t CmsdkUart::write(const std::uint8_t* data, std::size_t length) {
  std::size_t done = 0;
  while (done < length && (reg(kState) & kTxFull) == 0) reg(kData) = data[done++];
  return done;
}

std::size_t CmsdkUart::read(std::uint8_t* out, std::size_t capacity) {
  std::size_t done = 0;
  while (done < capacity && (reg(kState) & kRxFull) != 0) out[done++] = static_cast<std::uint8_t>(reg(kData));
  return done;
}

}  // namespace onboard::mps2
