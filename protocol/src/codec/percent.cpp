#include "onboard/protocol/codec/percent.hpp"

namespace onboard::codec {

std::string_view to_string(DecodeStatus status) {
  switch (status) {
    case DecodeStatus::ok: return "ok";
    case DecodeStatus::bad_escape: return "malformed %-escape";
    case DecodeStatus::too_long: return "too long";
  }
  return "unknown";
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

DecodeResult percent_decode(std::string_view in, char* out, std::size_t cap, Plus plus) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '+' && plus == Plus::space) {
      c = ' ';
    } else if (c == '%') {
      if (in.size() - i < 3) return {DecodeStatus::bad_escape, 0};
      const int hi = hex_value(in[i + 1]);
      const int lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return {DecodeStatus::bad_escape, 0};
      c = static_cast<char>(static_cast<unsigned char>(hi * 16 + lo));
      i += 2;
    }
    if (n >= cap) return {DecodeStatus::too_long, 0};
    out[n++] = c;
  }
  return {DecodeStatus::ok, n};
}

}  // namespace onboard::codec
