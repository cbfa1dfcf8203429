#include "onboard/protocol/pake/bytes.hpp"

namespace onboard::pake {

bool constant_time_equal(const std::uint8_t* a, const std::uint8_t* b, std::size_t size) {
  // Accumulate every difference; one branch at the very end, on the total only.
  std::uint8_t diff = 0;
  for (std::size_t i = 0; i < size; ++i) diff = static_cast<std::uint8_t>(diff | (a[i] ^ b[i]));
  return diff == 0;
}

void secure_wipe(void* data, std::size_t size) {
  volatile std::uint8_t* p = static_cast<volatile std::uint8_t*>(data);
  for (std::size_t i = 0; i < size; ++i) p[i] = 0;
}

namespace {

int nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::size_t hex_encode(ByteView bytes, char* out, std::size_t cap) {
  static constexpr char kDigits[] = "0123456789abcdef";
  if (bytes.size > cap / 2) return 0;
  for (std::size_t i = 0; i < bytes.size; ++i) {
    out[2 * i] = kDigits[bytes.data[i] >> 4];
    out[2 * i + 1] = kDigits[bytes.data[i] & 0x0f];
  }
  return 2 * bytes.size;
}

bool hex_decode_exact(std::string_view hex, std::uint8_t* out, std::size_t size) {
  if (hex.size() != 2 * size) return false;
  for (std::size_t i = 0; i < size; ++i) {
    const int hi = nibble(hex[2 * i]);
    const int lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[i] = static_cast<std::uint8_t>((hi << 4) | lo);
  }
  return true;
}

bool hex_decode(std::string_view hex, std::uint8_t* out, std::size_t cap, std::size_t& size) {
  if (hex.size() % 2 != 0 || hex.size() / 2 > cap) return false;
  size = hex.size() / 2;
  return hex_decode_exact(hex, out, size);
}

}  // namespace onboard::pake
