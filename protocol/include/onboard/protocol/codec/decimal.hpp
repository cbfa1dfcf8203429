// The one decimal formatter and parser of the core and protocol/: JSON, Blynk bodies, HTTP
// headers, logs and pin values all write integers through it, pins and ports read back.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace onboard::codec {

// Enough for any std::int64_t: 20 digits and a sign.
inline constexpr std::size_t kMaxDecimalLength = 21;

// Writes the digits of `value` (and '-' when negative) so that they end just before `end`,
// right to left; returns where they begin. At most kMaxDecimalLength bytes are written.
char* write_decimal(std::uint64_t value, char* end);
char* write_decimal(std::int64_t value, char* end);

// A small buffer holding one formatted number.
class Decimal {
 public:
  explicit Decimal(std::int64_t value) : begin_(write_decimal(value, buf_ + sizeof buf_)) {}
  std::string_view view() const { return {begin_, static_cast<std::size_t>(buf_ + sizeof buf_ - begin_)}; }

 private:
  char buf_[kMaxDecimalLength];
  const char* begin_;
};

// Reads a whole decimal number of digits only: no sign, not empty, at most as many digits as
// `max` has, and not above `max`. False (and `out` unchanged) otherwise.
bool parse_decimal(std::string_view text, std::uint32_t max, std::uint32_t& out);

}  // namespace onboard::codec
