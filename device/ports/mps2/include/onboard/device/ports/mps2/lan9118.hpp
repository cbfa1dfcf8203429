// A polled driver for the SMSC LAN9118 Ethernet controller of the mps2-an386
// (0x40200000): whole frames in and out through its FIFOs, promiscuous so one
// wire carries both of the radio's interfaces (access point and station MACs).
#pragma once

#include <cstddef>
#include <cstdint>

namespace onboard::mps2 {

class Lan9118 {
 public:
  static constexpr std::size_t kMaxFrame = 1518;

  explicit Lan9118(std::uintptr_t base) : base_(base) {}

  // False when no LAN9118 answers (wrong byte-test pattern).
  bool begin(const std::uint8_t mac[6]);
  // Queues one frame (without FCS); false when it does not fit the TX FIFO now.
  bool send(const std::uint8_t* frame, std::size_t length);
  // Copies the next received frame (without FCS) into out: its length, or 0
  // when none is waiting. A frame longer than capacity is dropped.
  std::size_t receive(std::uint8_t* out, std::size_t capacity);

  std::uint32_t dropped() const { return dropped_; }

 private:
  volatile std::uint32_t& reg(std::size_t offset) const {
    return *reinterpret_cast<volatile std::uint32_t*>(base_ + offset);
  }
  void mac_write(std::uint8_t index, std::uint32_t value);
  std::uint32_t mac_read(std::uint8_t index);

  std::uintptr_t base_;
  std::uint32_t dropped_ = 0;
};

}  // namespace onboard::mps2
