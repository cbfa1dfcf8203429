// Strict dotted-quad IPv4 text <-> 32-bit value, for the static IP fields and numeric hosts.
// Strict on purpose: the forms inet_aton also takes ("1.2.3", "0x7f.1", "010.0.0.1") are rejected.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace onboard::setup {

// Host byte order: "192.168.4.1" is 0xC0A80401.
using Ipv4 = std::uint32_t;

enum class Ipv4Status : std::uint8_t {
  ok,
  malformed,     // not four dot-separated groups of 1..3 decimal digits
  leading_zero,  // "01.2.3.4": octal to some parsers, decimal to others, so neither
  out_of_range,  // an octet above 255
};

struct Ipv4Result {
  Ipv4Status status;
  Ipv4 value;
  bool ok() const { return status == Ipv4Status::ok; }
};

Ipv4Result parse_ipv4(std::string_view text);

// Writes "a.b.c.d" (at most kIpv4TextMaxLength bytes, no NUL). Returns 0 if `cap` is too small.
std::size_t write_ipv4(Ipv4 value, char* out, std::size_t cap);

// True for masks made of leading ones then zeros, excluding 0.0.0.0 (a /0 makes no subnet).
bool is_contiguous_mask(Ipv4 mask);

}  // namespace onboard::setup
