#include "onboard/device/ports/mps2/cmsdk_uart.hpp"

namespace onboard::mps2 {

namespace {
constexpr std::size_t kData = 0x00, kState = 0x04, kCtrl = 0x08, kIntStatus = 0x0C, kBaudDiv = 0x10;
constexpr std::uint32_t kTxFull = 1u << 0, kRxFull = 1u << 1;                                    // STATE
constexpr std::uint32_t kTxEnable = 1u << 0, kRxEnable = 1u << 1, kRxInterruptEnable = 1u << 3;  // CTRL
constexpr std::uint32_t kRxInterrupt = 1u << 1;  // INTSTATUS (INTCLEAR when written)
constexpr std::uintptr_t kUart0 = 0x40004000u;
volatile std::uint32_t* const kNvicIser0 = reinterpret_cast<volatile std::uint32_t*>(0xE000E100u);

// One producer (the interrupt), one consumer (the loop): indices only grow.
constexpr std::size_t kRing = 4096;
std::uint8_t g_ring[kRing];
volatile std::uint32_t g_head = 0;  // written by the interrupt
volatile std::uint32_t g_tail = 0;  // written by the loop
volatile std::uint32_t g_overflow = 0;

volatile std::uint32_t& uart0(std::size_t offset) {
  return *reinterpret_cast<volatile std::uint32_t*>(kUart0 + offset);
}
}  // namespace

extern "C" void mps2_uart0_rx_interrupt(void) {
  // Cleared before the register is emptied, never after: QEMU's model raises the RX
  // interrupt only as a byte arrives, so a byte landing between the last read and a later
  // clear would never interrupt, and the UART, holding it, would take no more from the
  // air: the line would stop for good (no reply, no scan ever ending). A byte that lands
  // after this clear either is read below or interrupts again.
  uart0(kIntStatus) = kRxInterrupt;
  while ((uart0(kState) & kRxFull) != 0) {
    const auto byte = static_cast<std::uint8_t>(uart0(kData));
    if (g_head - g_tail < kRing) {
      g_ring[g_head % kRing] = byte;
      g_head = g_head + 1;
    } else {
      g_overflow = g_overflow + 1;  // the loop is far behind: as a real UART would, drop
    }
  }
}

void CmsdkUart::begin() {
  // QEMU's model refuses to move bytes until a valid divider (>= 16) is set.
  reg(kBaudDiv) = 16;
  const bool interrupt = base_ == kUart0;
  reg(kCtrl) = kTxEnable | kRxEnable | (interrupt ? kRxInterruptEnable : 0u);
  if (interrupt) *kNvicIser0 = 1u << 0;
}

std::size_t CmsdkUart::write(const std::uint8_t* data, std::size_t length) {
  std::size_t done = 0;
  while (done < length && (reg(kState) & kTxFull) == 0) reg(kData) = data[done++];
  return done;
}

std::size_t CmsdkUart::read(std::uint8_t* out, std::size_t capacity) {
  std::size_t done = 0;
  if (base_ == kUart0) {
    while (done < capacity && g_tail != g_head) {
      out[done++] = g_ring[g_tail % kRing];
      g_tail = g_tail + 1;
    }
    return done;  // the interrupt owns the register
  }
  while (done < capacity && (reg(kState) & kRxFull) != 0) out[done++] = static_cast<std::uint8_t>(reg(kData));
  return done;
}

}  // namespace onboard::mps2
