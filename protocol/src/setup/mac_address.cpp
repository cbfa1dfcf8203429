#include "onboard/protocol/setup/mac_address.hpp"

namespace onboard::setup {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool operator==(const MacAddress& a, const MacAddress& b) {
  for (std::size_t i = 0; i < sizeof(a.bytes); ++i) {
    if (a.bytes[i] != b.bytes[i]) return false;
  }
  return true;
}

void write_mac(const MacAddress& mac, char (&out)[kMacTextLength]) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (std::size_t i = 0; i < sizeof(mac.bytes); ++i) {
    out[i * 3] = kHex[mac.bytes[i] >> 4];
    out[i * 3 + 1] = kHex[mac.bytes[i] & 0x0F];
    if (i < sizeof(mac.bytes) - 1) out[i * 3 + 2] = ':';
  }
}

bool parse_mac(std::string_view text, MacAddress& out) {
  if (text.size() != kMacTextLength) return false;
  MacAddress mac;
  for (std::size_t i = 0; i < sizeof(mac.bytes); ++i) {
    const int hi = hex_value(text[i * 3]);
    const int lo = hex_value(text[i * 3 + 1]);
    if (hi < 0 || lo < 0) return false;
    if (i < sizeof(mac.bytes) - 1 && text[i * 3 + 2] != ':' && text[i * 3 + 2] != '-') return false;
    mac.bytes[i] = static_cast<std::uint8_t>(hi * 16 + lo);
  }
  out = mac;
  return true;
}

}  // namespace onboard::setup
