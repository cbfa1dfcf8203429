// CRC-32 (IEEE 802.3, as zlib) for the configuration records and the AP name's
// chip code. Bitwise: a few hundred bytes of flash matter more than speed here.
#pragma once

#include <cstddef>
#include <cstdint>

namespace onboard::device {

// Start with crc = 0; feed chunks in order: crc32(crc32(0, a), b) == crc32(0, ab).
std::uint32_t crc32(std::uint32_t crc, const std::uint8_t* data, std::size_t length);

}  // namespace onboard::device
