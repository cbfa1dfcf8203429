#include "onboard/protocol/air/percent.hpp"

namespace onboard::air {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

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

bool percent_decode(std::string_view value, char* out, std::size_t capacity, std::size_t* written) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (n >= capacity) return false;
    char c = value[i];
    if (c == '%') {
      if (i + 2 >= value.size()) return false;  // needs two hex digits
      const int hi = hex_value(value[i + 1]);
      const int lo = hex_value(value[i + 2]);
      if (hi < 0 || lo < 0) return false;
      c = static_cast<char>((hi << 4) | lo);
      i += 2;
    }
    out[n++] = c;
  }
  *written = n;
  return true;
}

}  // namespace onboard::air
