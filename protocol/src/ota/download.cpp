#include "onboard/protocol/ota/download.hpp"

#include <cstring>

namespace onboard::ota {
namespace {

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A decimal number of 1 to 19 digits, the whole of `s`.
bool read_number(std::string_view s, std::uint64_t& out) {
  if (s.empty() || s.size() > 19) return false;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  out = v;
  return true;
}

bool host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_';
}

class Writer {
 public:
  Writer(char* out, std::size_t cap) : out_(out), cap_(cap) {}
  Writer& put(std::string_view s) {
    if (!ok_ || cap_ - size_ < s.size()) {
      ok_ = false;
      return *this;
    }
    std::memcpy(out_ + size_, s.data(), s.size());
    size_ += s.size();
    return *this;
  }
  Writer& put(std::uint64_t v) {
    char digits[20];
    std::size_t n = 0;
    do {
      digits[sizeof digits - 1 - n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0);
    return put(std::string_view(digits + sizeof digits - n, n));
  }
  std::size_t result() const { return ok_ ? size_ : 0; }

 private:
  char* out_;
  std::size_t cap_;
  std::size_t size_ = 0;
  bool ok_ = true;
};

}  // namespace

bool parse_url(std::string_view url, DownloadUrl& out) {
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return false;
  }
  DownloadUrl u;
  if (starts_with_ci(url, "http://")) {
    url.remove_prefix(7);
    u.port = 80;
  } else if (starts_with_ci(url, "https://")) {
    url.remove_prefix(8);
    u.tls = true;
    u.port = 443;
  } else {
    return false;
  }
  const std::size_t slash = url.find_first_of("/?");
  std::string_view authority = url.substr(0, slash);
  u.target = slash == std::string_view::npos ? std::string_view("/") : url.substr(slash);
  if (!u.target.empty() && u.target.front() == '?') return false;  // "http://h?x": no path
  const std::size_t colon = authority.find(':');
  if (colon != std::string_view::npos) {
    std::uint64_t port = 0;
    if (!read_number(authority.substr(colon + 1), port) || port == 0 || port > 65535) return false;
    u.port = static_cast<std::uint16_t>(port);
    authority = authority.substr(0, colon);
  }
  if (authority.empty() || authority.size() > 253) return false;
  for (char c : authority) {
    if (!host_char(c)) return false;
  }
  u.host = authority;
  out = u;
  return true;
}

std::size_t write_range_request(const DownloadUrl& url, std::uint32_t offset, char* out, std::size_t cap) {
  Writer w(out, cap);
  w.put("GET ").put(url.target).put(" HTTP/1.1\r\nHost: ").put(url.host);
  if (url.port != (url.tls ? 443 : 80)) w.put(":").put(static_cast<std::uint64_t>(url.port));
  w.put("\r\n");
  if (offset > 0) w.put("Range: bytes=").put(static_cast<std::uint64_t>(offset)).put("-\r\n");
  w.put("Connection: close\r\n\r\n");
  return w.result();
}

ResponseHeadReader::Status ResponseHeadReader::feed(const std::uint8_t* data, std::size_t size,
                                                    std::size_t& consumed) {
  consumed = 0;
  while (status_ == Status::need_more && consumed < size) {
    const char c = static_cast<char>(data[consumed++]);
    if (++total_ > kMaxHeadBytes) {
      status_ = Status::error;
      break;
    }
    if (seen_cr_) {
      seen_cr_ = false;
      if (c != '\n') {
        status_ = Status::error;
        break;
      }
      if (line_size_ == 0 && !line_too_long_) {
        status_ = status_read_ ? Status::done : Status::error;
        break;
      }
      if (!finish_line()) status_ = Status::error;
      line_size_ = 0;
      line_too_long_ = false;
      continue;
    }
    if (c == '\r') {
      seen_cr_ = true;
    } else if (c == '\n') {
      status_ = Status::error;  // bare LF
    } else if (line_size_ < kMaxLine) {
      line_[line_size_++] = c;
    } else {
      line_too_long_ = true;
    }
  }
  return status_;
}

bool ResponseHeadReader::finish_line() {
  const std::string_view line(line_, line_size_);
  if (!status_read_) {
    // "HTTP/1.x NNN reason"
    if (line_too_long_ || line.size() < 12 || !starts_with_ci(line, "HTTP/1.") || line[8] != ' ') {
      return false;
    }
    std::uint64_t code = 0;
    if (!read_number(line.substr(9, 3), code) || code < 100 || code > 599) return false;
    if (line.size() > 12 && line[12] != ' ') return false;
    head_.status = static_cast<int>(code);
    status_read_ = true;
    return true;
  }
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return false;
  const std::string_view name = line.substr(0, colon);
  const std::string_view value = trim(line.substr(colon + 1));
  const bool wanted =
      iequals(name, "content-length") || iequals(name, "content-range") || iequals(name, "transfer-encoding");
  if (!wanted) return true;
  // A header this reader acts on must be whole: a truncated number would be a wrong one.
  if (line_too_long_) return false;
  if (iequals(name, "content-length")) {
    std::uint64_t n = 0;
    if (!read_number(value, n) || (head_.has_length && head_.content_length != n)) return false;
    head_.has_length = true;
    head_.content_length = n;
  } else if (iequals(name, "transfer-encoding")) {
    if (!iequals(value, "identity")) head_.chunked = true;
  } else {
    // "bytes first-last/total"
    if (!starts_with_ci(value, "bytes ")) return false;
    const std::string_view spec = value.substr(6);
    const std::size_t dash = spec.find('-');
    const std::size_t slash = spec.find('/');
    if (dash == std::string_view::npos || slash == std::string_view::npos || slash < dash) return false;
    std::uint64_t first = 0;
    std::uint64_t last = 0;
    std::uint64_t total_bytes = 0;
    if (!read_number(spec.substr(0, dash), first) ||
        !read_number(spec.substr(dash + 1, slash - dash - 1), last) || last < first) {
      return false;
    }
    const std::string_view total = spec.substr(slash + 1);
    const bool has_total = total != "*";
    if (has_total && (!read_number(total, total_bytes) || last >= total_bytes)) return false;
    // Only a whole, valid range replaces what the head holds.
    head_.range_first = first;
    head_.range_last = last;
    head_.has_total = has_total;
    head_.range_total = total_bytes;
    head_.has_range = true;
  }
  return true;
}

}  // namespace onboard::ota
