// The captive-portal DNS responder on UDP 53 while the AP is up: every A query
// gets the AP address, other types an empty answer, malformed packets nothing.
#pragma once

#include <cstddef>
#include <cstdint>

#include "onboard/device/hal/net.hpp"

namespace onboard::device {

inline constexpr std::size_t kDnsPacketMax = 320;  // a query with a 255-byte name and EDNS fits

// Turns the query in packet[0, length) into its answer, in place (packet must hold
// length + 16 bytes). Returns the answer's length, or 0 to drop the packet.
// all_names: captive portal; otherwise only "blynk.setup" and "onboard.setup"
// resolve and other names get NXDOMAIN.
std::size_t answer_dns_query(std::uint8_t* packet, std::size_t length, std::uint32_t ap_ip, bool all_names);

class CaptiveDns {
 public:
  bool start(hal::Net& net);  // binds UDP 53; false when the port refuses
  void stop(hal::Net& net);
  // Answers the waiting queries (a few per call, so run() stays short).
  void poll(hal::Net& net, std::uint32_t ap_ip, bool all_names);
  bool active() const { return socket_ != hal::kNoHandle; }
  std::uint32_t answered() const { return answered_; }
  std::uint32_t dropped() const { return dropped_; }

 private:
  hal::Handle socket_ = hal::kNoHandle;
  std::uint32_t answered_ = 0;
  std::uint32_t dropped_ = 0;
  std::uint8_t packet_[kDnsPacketMax + 16] = {};
};

}  // namespace onboard::device
