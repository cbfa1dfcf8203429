// The verdict on a config request: which field broke which rule, as stable strings.
// The device puts them in its error body; the wizard shows them next to the field.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace onboard::setup {

// Named after the query keys, so an error points at what the sender actually wrote.
enum class Field : std::uint8_t {
  none,
  ssid,
  ssid_manual,
  pass,
  token,  // query key "blynk"
  host,
  port,
  port_ssl,
  ip,
  mask,
  gw,
  dns,
  dns2,
  save,
};

// Append-only; the strings are part of the wire contract.
enum class Rule : std::uint8_t {
  none,
  required,    // missing or empty
  bad_escape,  // a '%' not followed by two hex digits
  too_long,
  too_short,
  contains_nul,  // %00: radio stacks take C strings, so the name would be cut short
  not_hex,       // 64-character password that is not a raw hex PSK
  bad_char,      // a character outside the field's alphabet
  bad_label,     // host label empty, longer than 63, or starting/ending with '-'
  not_number,
  leading_zero,
  out_of_range,
  bad_ipv4,          // not a strict dotted quad
  bad_mask,          // mask bits not contiguous, or 0.0.0.0
  requires_ip,       // a static field (mask, gw, dns) given without `ip`
  not_host_address,  // ip is 0.0.0.0 or its subnet's network/broadcast address
  outside_subnet,    // gateway not in ip/mask
  not_boolean,
};

struct ParseResult {
  bool ok;
  Field field;
  Rule rule;

  static constexpr ParseResult success() { return {true, Field::none, Rule::none}; }
  static constexpr ParseResult failure(Field field, Rule rule) { return {false, field, rule}; }
  explicit operator bool() const { return ok; }
};

// The query key: "ssid", "ssidManual", "pass", "blynk", "port_ssl", ...
std::string_view to_string(Field field);
// A stable identifier: "too_long", "bad_mask", ...
std::string_view to_string(Rule rule);
// A human sentence fragment for this field, e.g. (ssid, too_long) -> "longer than 32 bytes".
std::string_view describe(Field field, Rule rule);

// "ssid: longer than 32 bytes" (not NUL-terminated). Returns 0 if it does not fit `cap`.
std::size_t format_error(ParseResult result, char* out, std::size_t cap);

}  // namespace onboard::setup
