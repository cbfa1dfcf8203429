#include "onboard/protocol/codec/decimal.hpp"

namespace onboard::codec {

char* write_decimal(std::uint64_t value, char* end) {
  do {
    const std::uint64_t tens = value / 10;  // one division per digit; the remainder from it
    *--end = static_cast<char>('0' + static_cast<unsigned>(value - tens * 10));
    value = tens;
  } while (value != 0);
  return end;
}

char* write_decimal(std::int64_t value, char* end) {
  // Negate in unsigned arithmetic so INT64_MIN is exact.
  const bool negative = value < 0;
  const std::uint64_t magnitude =
      negative ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  char* begin = write_decimal(magnitude, end);
  if (negative) *--begin = '-';
  return begin;
}

bool parse_decimal(std::string_view text, std::uint32_t max, std::uint32_t& out) {
  std::size_t max_digits = 1;
  for (std::uint32_t m = max; m >= 10; m /= 10) ++max_digits;
  if (text.empty() || text.size() > max_digits) return false;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<std::uint32_t>(c - '0');
  }
  if (value > max) return false;
  out = static_cast<std::uint32_t>(value);
  return true;
}

}  // namespace onboard::codec
