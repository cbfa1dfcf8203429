#include "onboard/device/crc32.hpp"

namespace onboard::device {

std::uint32_t crc32(std::uint32_t crc, const std::uint8_t* data, std::size_t length) {
  crc = ~crc;
  for (std::size_t i = 0; i < length; ++i) {
    crc ^= data[i];
    for (int bit = 0; bit < 8; ++bit) {
      crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
  }
  return ~crc;
}

}  // namespace onboard::device
