#include "onboard/protocol/setup/parse_result.hpp"

namespace onboard::setup {

std::string_view to_string(Field field) {
  switch (field) {
    case Field::none: return "none";
    case Field::ssid: return "ssid";
    case Field::ssid_manual: return "ssidManual";
    case Field::pass: return "pass";
    case Field::token: return "blynk";
    case Field::host: return "host";
    case Field::port: return "port";
    case Field::port_ssl: return "port_ssl";
    case Field::ip: return "ip";
    case Field::mask: return "mask";
    case Field::gw: return "gw";
    case Field::dns: return "dns";
    case Field::dns2: return "dns2";
    case Field::save: return "save";
  }
  return "unknown";
}

std::string_view to_string(Rule rule) {
  switch (rule) {
    case Rule::none: return "none";
    case Rule::required: return "required";
    case Rule::bad_escape: return "bad_escape";
    case Rule::too_long: return "too_long";
    case Rule::too_short: return "too_short";
    case Rule::contains_nul: return "contains_nul";
    case Rule::not_hex: return "not_hex";
    case Rule::bad_char: return "bad_char";
    case Rule::bad_label: return "bad_label";
    case Rule::not_number: return "not_number";
    case Rule::leading_zero: return "leading_zero";
    case Rule::out_of_range: return "out_of_range";
    case Rule::bad_ipv4: return "bad_ipv4";
    case Rule::bad_mask: return "bad_mask";
    case Rule::requires_ip: return "requires_ip";
    case Rule::not_host_address: return "not_host_address";
    case Rule::outside_subnet: return "outside_subnet";
    case Rule::not_boolean: return "not_boolean";
  }
  return "unknown";
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
  if (field == Field::pass) return "must be empty, 8..63 characters, or 64 hex digits";
  if (field == Field::token) return "must be exactly 32 characters";
  if (field == Field::host) return "longer than 253 characters";
  if (is_port(field)) return "must be 1..65535";
  return rule == Rule::too_long ? "too long" : "too short";
}

}  // namespace

std::string_view describe(Field field, Rule rule) {
  switch (rule) {
    case Rule::none: return "ok";
    case Rule::required: return "is required";
    case Rule::bad_escape: return "has a '%' not followed by two hex digits";
    case Rule::too_long:
    case Rule::too_short:
    case Rule::not_hex: return describe_length(field, rule);
    case Rule::contains_nul: return "must not contain a NUL byte (%00)";
    case Rule::bad_char:
      if (field == Field::token) return "may contain only A-Z, a-z, 0-9, '-' and '_'";
      if (field == Field::host) return "may contain only letters, digits, '-' and '.'";
      return "has a character that is not allowed";
    case Rule::bad_label: return "each name label must be 1..63 characters and not start or end with '-'";
    case Rule::not_number: return "must be a decimal number";
    case Rule::leading_zero: return "must not have leading zeros";
    case Rule::out_of_range:
      if (is_port(field)) return "must be 1..65535";
      return "has a number out of range (octets are 0..255)";
    case Rule::bad_ipv4: return "must be a dotted-quad IPv4 address like 192.168.1.20";
    case Rule::bad_mask: return "must be a contiguous netmask like 255.255.255.0";
    case Rule::requires_ip: return "needs a static ip as well";
    case Rule::not_host_address:
      return "must be a host address, not 0.0.0.0 or the subnet's network or broadcast";
    case Rule::outside_subnet: return "is not in the subnet of ip/mask";
    case Rule::not_boolean: return "must be 1/0, true/false, yes/no or on/off";
  }
  return "is invalid";
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
