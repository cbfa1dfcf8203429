// Builds one message line into a caller's buffer. Overflow is sticky: once
// something does not fit, nothing more is written and ok() stays false.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace onboard::air {

class LineWriter {
 public:
  LineWriter(char* buffer, std::size_t capacity) : buf_(buffer), cap_(capacity) {}

  // Starts the line; call once, first.
  LineWriter& verb(std::string_view verb);
  // Appends " key=value" with value percent-encoded.
  LineWriter& field(std::string_view key, std::string_view value);
  LineWriter& field(std::string_view key, std::int64_t value);
  LineWriter& field(std::string_view key, int value) { return field(key, static_cast<std::int64_t>(value)); }
  // Appends the final '\n'. Returns ok().
  bool finish();

  bool ok() const { return !overflow_; }
  std::size_t size() const { return size_; }
  std::string_view line() const { return {buf_, size_}; }
  void clear() {
    size_ = 0;
    overflow_ = false;
  }

 private:
  bool append(std::string_view raw);
  char* buf_;
  std::size_t cap_;
  std::size_t size_ = 0;
  bool overflow_ = false;
};

}  // namespace onboard::air
