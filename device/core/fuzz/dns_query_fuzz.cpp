// Arbitrary packets through the captive DNS answerer: it must never write past
// length + 16, and every answer must be a well-formed response to the question.
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "onboard/device/captive_dns.hpp"

using onboard::device::answer_dns_query;
using onboard::device::kDnsPacketMax;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1 || size > kDnsPacketMax + 1) return 0;
  const bool all_names = (data[0] & 1) != 0;
  // Exactly the room the contract promises, so ASan catches any overrun.
  std::uint8_t* packet = static_cast<std::uint8_t*>(std::malloc(size - 1 + 16));
  std::memcpy(packet, data + 1, size - 1);
  const std::size_t n = answer_dns_query(packet, size - 1, 0xC0A80401u, all_names);
  if (n != 0) {
    if (n < 12 + 5 || n > size - 1 + 16) std::abort();
    if ((packet[2] & 0x80) == 0) std::abort();                // QR set
    if (std::memcmp(packet, data + 1, 2) != 0) std::abort();  // same id
    const unsigned answers = static_cast<unsigned>(packet[6] << 8 | packet[7]);
    if (answers > 1) std::abort();
    if (answers == 1 && std::memcmp(packet + n - 4, "\xC0\xA8\x04\x01", 4) != 0) std::abort();
  }
  std::free(packet);
  return 0;
}
