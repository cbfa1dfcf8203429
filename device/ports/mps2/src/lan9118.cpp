#include "onboard/device/ports/mps2/lan9118.hpp"

#include <cstring>

namespace onboard::mps2 {

namespace {
constexpr std::size_t kRxData = 0x00, kTxData = 0x20, kRxStatus = 0x40, kIntEnable = 0x5C, kByteTest = 0x64,
                      kTxCfg = 0x70, kHwCfg = 0x74, kRxFifoInfo = 0x7C, kTxFifoInfo = 0x80, kPmtCtrl = 0x84,
                      kMacCsrCmd = 0xA4, kMacCsrData = 0xA8;
constexpr std::uint32_t kByteTestPattern = 0x87654321u;
constexpr std::uint32_t kCsrBusy = 1u << 31, kCsrRead = 1u << 30;
constexpr std::uint8_t kMacCr = 1, kAddrH = 2, kAddrL = 3;
constexpr std::uint32_t kMacRxEnable = 1u << 2, kMacTxEnable = 1u << 3, kMacPromiscuous = 1u << 18;
constexpr std::uint32_t kTxOn = 1u << 1, kTxStatusOverrun = 1u << 2;
constexpr std::uint32_t kSoftReset = 1u << 0, kPmtReady = 1u << 0;
constexpr std::uint32_t kFirstSegment = 1u << 13, kLastSegment = 1u << 12;
constexpr std::size_t kFcs = 4;
}  // namespace

void Lan9118::mac_write(std::uint8_t index, std::uint32_t value) {
  reg(kMacCsrData) = value;
  reg(kMacCsrCmd) = kCsrBusy | index;
  for (int i = 0; i < 100000 && (reg(kMacCsrCmd) & kCsrBusy) != 0; ++i) {
  }
}

std::uint32_t Lan9118::mac_read(std::uint8_t index) {
  reg(kMacCsrCmd) = kCsrBusy | kCsrRead | index;
  for (int i = 0; i < 100000 && (reg(kMacCsrCmd) & kCsrBusy) != 0; ++i) {
  }
  return reg(kMacCsrData);
}

bool Lan9118::begin(const std::uint8_t mac[6]) {
  if (reg(kByteTest) != kByteTestPattern) return false;
  reg(kHwCfg) = kSoftReset;
  for (int i = 0; i < 100000 && (reg(kHwCfg) & kSoftReset) != 0; ++i) {
  }
  for (int i = 0; i < 100000 && (reg(kPmtCtrl) & kPmtReady) == 0; ++i) {
  }
  reg(kIntEnable) = 0;  // polled: no interrupt line is used
  mac_write(kAddrL, static_cast<std::uint32_t>(mac[0]) | static_cast<std::uint32_t>(mac[1]) << 8 |
                        static_cast<std::uint32_t>(mac[2]) << 16 | static_cast<std::uint32_t>(mac[3]) << 24);
  mac_write(kAddrH, static_cast<std::uint32_t>(mac[4]) | static_cast<std::uint32_t>(mac[5]) << 8);
  // The TX status words are never read: let them overrun instead of stalling the sender.
  reg(kTxCfg) = kTxOn | kTxStatusOverrun;
  mac_write(kMacCr, mac_read(kMacCr) | kMacRxEnable | kMacTxEnable | kMacPromiscuous);
  return true;
}

bool Lan9118::send(const std::uint8_t* frame, std::size_t length) {
  if (length == 0 || length > kMaxFrame - kFcs) return false;
  const std::size_t words = (length + 3) / 4;
  if ((reg(kTxFifoInfo) & 0xFFFFu) < words * 4 + 8) return false;
  reg(kTxData) = kFirstSegment | kLastSegment | static_cast<std::uint32_t>(length);
  reg(kTxData) = static_cast<std::uint32_t>(length);
  for (std::size_t i = 0; i < words; ++i) {
    std::uint32_t word = 0;
    const std::size_t left = length - i * 4;
    std::memcpy(&word, frame + i * 4, left < 4 ? left : 4);
    reg(kTxData) = word;
  }
  return true;
}

std::size_t Lan9118::receive(std::uint8_t* out, std::size_t capacity) {
  if (((reg(kRxFifoInfo) >> 16) & 0xFFu) == 0) return 0;
  const std::uint32_t status = reg(kRxStatus);
  const std::size_t length = (status >> 16) & 0x3FFFu;
  const std::size_t words = (length + 3) / 4;
  const bool fits = length > kFcs && length - kFcs <= capacity && (status & (1u << 15)) == 0;
  for (std::size_t i = 0; i < words; ++i) {
    const std::uint32_t word = reg(kRxData);
    if (!fits) continue;
    const std::size_t at = i * 4;
    const std::size_t payload = length - kFcs;
    if (at >= payload) continue;
    const std::size_t n = payload - at < 4 ? payload - at : 4;
    std::memcpy(out + at, &word, n);
  }
  if (!fits) {
    ++dropped_;
    return 0;
  }
  return length - kFcs;
}

}  // namespace onboard::mps2
