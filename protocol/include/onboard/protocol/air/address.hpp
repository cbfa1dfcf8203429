// The addresses in air lines (hello's mac=, an "ap" line's bssid=, a join's ip= gw= dns=) and
// its rssi= values, read the one way every board port and tool reads them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace onboard::air {

// "02:00:00:00:00:0a": the only form the air writes.
inline constexpr std::size_t kMacTextLength = 17;

// Six hex pairs (either case) joined by ':'; false, and *out untouched, for anything else.
bool parse_mac(std::string_view text, std::uint8_t (&out)[6]);

// A strict dotted quad ("10.0.0.2", not "010.0.0.2" nor "10.2") as a host-order value
// (10.0.0.2 is 0x0A000002); false, and *out untouched, for anything else.
bool parse_ip4(std::string_view text, std::uint32_t* out);

// A signal strength in dBm as radios report it (a signed byte, never above 0).
std::int8_t clamp_rssi(std::int32_t dbm);

}  // namespace onboard::air
