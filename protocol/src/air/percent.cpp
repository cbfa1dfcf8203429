#include "onboard/protocol/air/percent.hpp"

namespace onboard::air {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

}  // namespace

bool is_unreserved(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '-':
    case '_':
    case '.':
    case '~':
    case ':':
    case '/':
    case ',':
    case '+':
    case '@':
    case '#': return true;
    default: return false;
  }
}

std::size_t percent_encoded_size(std::string_view value) {
  std::size_t n = 0;
  for (char c : value) n += is_unreserved(static_cast<unsigned char>(c)) ? 1u : 3u;
  return n;
}

std::size_t percent_encode(std::string_view value, char* out, std::size_t capacity) {
  if (percent_encoded_size(value) > capacity) return 0;
  std::size_t n = 0;
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (is_unreserved(u)) {
      out[n++] = c;
    } else {
      out[n++] = '%';
      out[n++] = kHex[u >> 4];
      out[n++] = kHex[u & 0x0F];
    }
  }
  return n;
}

}  // namespace onboard::air
