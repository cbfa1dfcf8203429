#include "onboard/protocol/setup/parse_result.hpp"

#include "onboard/protocol/codec/name_list.hpp"

namespace onboard::setup {

std::string_view to_string(Field field) {
  // In Field's order.
  static constexpr char kNames[] =
      "none\0ssid\0ssidManual\0pass\0blynk\0host\0port\0port_ssl\0ip\0mask\0gw\0dns\0dns2\0save";
  return codec::name_at(codec::name_list(kNames), static_cast<std::size_t>(field), "unknown");
}

std::string_view to_string(Rule rule) {
  // In Rule's order.
  static constexpr char kNames[] =
      "none\0required\0bad_escape\0too_long\0too_short\0contains_nul\0not_hex\0bad_char\0bad_label\0"
      "not_number\0leading_zero\0out_of_range\0bad_ipv4\0bad_mask\0requires_ip\0not_host_address\0"
      "outside_subnet\0not_boolean";
  return codec::name_at(codec::name_list(kNames), static_cast<std::size_t>(rule), "unknown");
}

namespace {

bool is_ssid(Field field) {
  return field == Field::ssid || field == Field::ssid_manual;
}
bool is_port(Field field) {
  return field == Field::port || field == Field::port_ssl;
}

// Length rules read best with the field's own bounds in them.
std::string_view describe_length(Field field, Rule rule) {
  if (is_ssid(field)) return rule == Rule::too_long ? "longer than 32 bytes" : "must be 1..32 bytes";
  if (field == Field::pass) return "must be at most 63 characters, or 64 hex digits";
  if (field == Field::token) return "must be exactly 32 characters";
  if (field == Field::host) return "longer than 253 characters";
  if (is_port(field)) return "must be 1..65535";
  return rule == Rule::too_long ? "too long" : "too short";
}

}  // namespace

std::string_view describe(Field field, Rule rule) {
  switch (rule) {
    case Rule::too_long:
    case Rule::too_short:
    case Rule::not_hex: return describe_length(field, rule);
    case Rule::bad_char:
      if (field == Field::token) return "may contain only A-Z, a-z, 0-9, '-' and '_'";
      if (field == Field::host) return "may contain only letters, digits, '-' and '.'";
      break;
    case Rule::out_of_range:
      if (is_port(field)) return "must be 1..65535";
      break;
    default: break;
  }
  // The rest depend on the rule alone; in Rule's order (the length rules are above).
  static constexpr char kTexts[] =
      "ok\0is required\0has a '%' not followed by two hex digits\0\0\0"
      "must not contain a NUL byte (%00)\0\0has a character that is not allowed\0"
      "each name label must be 1..63 characters and not start or end with '-'\0must be a decimal number\0"
      "must not have leading zeros\0has a number out of range (octets are 0..255)\0"
      "must be a dotted-quad IPv4 address like 192.168.1.20\0must be a contiguous netmask like "
      "255.255.255.0\0"
      "needs a static ip as well\0must be a host address, not 0.0.0.0 or the subnet's network or broadcast\0"
      "is not in the subnet of ip/mask\0must be 1/0, true/false, yes/no or on/off";
  static_assert(codec::count_names(kTexts) == static_cast<std::size_t>(Rule::not_boolean) + 1,
                "one text per Rule");
  return codec::name_at(codec::name_list(kTexts), static_cast<std::size_t>(rule), "is invalid");
}

std::size_t format_error(ParseResult result, char* out, std::size_t cap) {
  const std::string_view parts[] = {to_string(result.field), ": ", describe(result.field, result.rule)};
  std::size_t n = 0;
  for (std::string_view part : parts) {
    if (part.size() > cap - n) return 0;
    for (char c : part) out[n++] = c;
  }
  return n;
}

}  // namespace onboard::setup
