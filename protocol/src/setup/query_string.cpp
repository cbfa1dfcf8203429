#include "onboard/protocol/setup/query_string.hpp"

namespace onboard::setup {

namespace {

bool is_unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

}  // namespace

QueryPairs::QueryPairs(std::string_view query) : query_(query) {
  if (!query_.empty() && query_.front() == '?') query_.remove_prefix(1);
}

void QueryPairs::Iterator::load() {
  while (!rest_.empty()) {
    const std::size_t amp = rest_.find('&');
    const std::string_view segment = rest_.substr(0, amp);
    rest_.remove_prefix(amp == std::string_view::npos ? rest_.size() : amp + 1);
    if (segment.empty()) continue;
    const std::size_t eq = segment.find('=');
    if (eq == std::string_view::npos) {
      current_ = {segment, segment.substr(segment.size())};
    } else {
      current_ = {segment.substr(0, eq), segment.substr(eq + 1)};
    }
    return;
  }
  done_ = true;
  current_ = {};
}

bool percent_encode(std::string_view in, char* out, std::size_t cap, std::size_t& written) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::size_t n = 0;
  for (char c : in) {
    if (is_unreserved(c)) {
      if (cap - n < 1) return false;
      out[n++] = c;
    } else {
      if (cap - n < 3) return false;
      const auto byte = static_cast<unsigned char>(c);
      out[n++] = '%';
      out[n++] = kHex[byte >> 4];
      out[n++] = kHex[byte & 0x0F];
    }
  }
  written = n;
  return true;
}

}  // namespace onboard::setup
