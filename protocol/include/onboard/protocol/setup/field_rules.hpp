// The per-field rules of the config request, applied to already-decoded values.
// Shared by the query parser (device) and validate() (wizard), so both judge alike.
#pragma once

#include <cstdint>
#include <string_view>

#include "onboard/protocol/setup/ipv4.hpp"
#include "onboard/protocol/setup/parse_result.hpp"

namespace onboard::setup {

// Each returns Rule::none when the value is acceptable.
Rule check_ssid(std::string_view ssid);
// Empty is acceptable: it selects an open network.
Rule check_password(std::string_view password);
Rule check_token(std::string_view token);
// A DNS name or a dotted quad. A name whose last label is all digits must be a valid
// dotted quad, since no top-level domain is numeric ("256.1.1.1" is a typo, not a name).
Rule check_host(std::string_view host);
// Decimal 1..65535 without sign or leading zeros; `port` is set only on success.
Rule parse_port(std::string_view text, std::uint16_t& port);
// A strict dotted quad; `value` is set only on success.
Rule parse_ipv4_field(std::string_view text, Ipv4& value);

}  // namespace onboard::setup
