// MAC/BSSID values and their "AA:BB:CC:DD:EE:FF" text form, as Edgent writes them.
// Shared so the device's JSON and the wizard's parser agree on one spelling.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace onboard::setup {

struct MacAddress {
  std::uint8_t bytes[6] = {};
};

bool operator==(const MacAddress& a, const MacAddress& b);
inline bool operator!=(const MacAddress& a, const MacAddress& b) {
  return !(a == b);
}

inline constexpr std::size_t kMacTextLength = 17;

// Upper-case hex with colons; writes exactly kMacTextLength bytes (no NUL).
void write_mac(const MacAddress& mac, char (&out)[kMacTextLength]);

// Accepts either case, ':' or '-' separators; returns false and leaves `out` alone otherwise.
bool parse_mac(std::string_view text, MacAddress& out);

}  // namespace onboard::setup
