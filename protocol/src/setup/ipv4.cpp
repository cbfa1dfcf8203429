#include "onboard/protocol/setup/ipv4.hpp"

#include "onboard/protocol/setup/limits.hpp"

namespace onboard::setup {

Ipv4Result parse_ipv4(std::string_view text) {
  Ipv4 value = 0;
  std::size_t i = 0;
  for (int octet = 0; octet < 4; ++octet) {
    if (octet > 0) {
      if (i >= text.size() || text[i] != '.') return {Ipv4Status::malformed, 0};
      ++i;
    }
    const std::size_t start = i;
    unsigned part = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9' && i - start < 3) {
      part = part * 10 + static_cast<unsigned>(text[i] - '0');
      ++i;
    }
    const std::size_t digits = i - start;
    if (digits == 0) return {Ipv4Status::malformed, 0};
    // A fourth digit means the group is too long to be an octet at all.
    if (i < text.size() && text[i] >= '0' && text[i] <= '9') return {Ipv4Status::malformed, 0};
    if (digits > 1 && text[start] == '0') return {Ipv4Status::leading_zero, 0};
    if (part > 255) return {Ipv4Status::out_of_range, 0};
    value = (value << 8) | part;
  }
  if (i != text.size()) return {Ipv4Status::malformed, 0};
  return {Ipv4Status::ok, value};
}

std::size_t write_ipv4(Ipv4 value, char* out, std::size_t cap) {
  char text[kIpv4TextMaxLength];
  std::size_t n = 0;
  for (int shift = 24; shift >= 0; shift -= 8) {
    const unsigned octet = (value >> static_cast<unsigned>(shift)) & 0xFFu;
    if (octet >= 100) text[n++] = static_cast<char>('0' + octet / 100);
    if (octet >= 10) text[n++] = static_cast<char>('0' + octet / 10 % 10);
    text[n++] = static_cast<char>('0' + octet % 10);
    if (shift > 0) text[n++] = '.';
  }
  if (n > cap) return 0;
  for (std::size_t i = 0; i < n; ++i) out[i] = text[i];
  return n;
}

bool is_contiguous_mask(Ipv4 mask) {
  if (mask == 0) return false;
  const Ipv4 inverted = ~mask;
  // The zero bits form a run at the bottom exactly when inverted + 1 is a power of two.
  return (inverted & (inverted + 1)) == 0;
}

}  // namespace onboard::setup
