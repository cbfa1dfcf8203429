#include "onboard/protocol/air/address.hpp"

#include "onboard/protocol/codec/percent.hpp"
#include "onboard/protocol/setup/ipv4.hpp"

namespace onboard::air {

bool parse_mac(std::string_view text, std::uint8_t (&out)[6]) {
  if (text.size() != kMacTextLength) return false;
  std::uint8_t bytes[6] = {};
  for (std::size_t i = 0; i < 6; ++i) {
    const int high = codec::hex_value(text[i * 3]);
    const int low = codec::hex_value(text[i * 3 + 1]);
    if (high < 0 || low < 0 || (i < 5 && text[i * 3 + 2] != ':')) return false;
    bytes[i] = static_cast<std::uint8_t>(high << 4 | low);
  }
  for (std::size_t i = 0; i < 6; ++i) out[i] = bytes[i];
  return true;
}

bool parse_ip4(std::string_view text, std::uint32_t* out) {
  // The setup fields' reading: the air writes plain dotted quads, so the strict one fits.
  const setup::Ipv4Result parsed = setup::parse_ipv4(text);
  if (!parsed.ok()) return false;
  *out = parsed.value;
  return true;
}

std::int8_t clamp_rssi(std::int32_t dbm) {
  return static_cast<std::int8_t>(dbm < -128 ? -128 : dbm > 0 ? 0 : dbm);
}

}  // namespace onboard::air
