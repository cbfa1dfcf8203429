// Splits a byte stream (the control socket) into lines, in a caller's buffer.
// Read into space(), commit() what arrived, then take lines with next(). A line
// longer than the buffer is dropped whole and reported once by next().
#pragma once

#include <cstddef>

namespace onboard::air {

class LineReader {
 public:
  enum class Result { none, line, too_long };

  LineReader(char* buffer, std::size_t capacity) : buf_(buffer), cap_(capacity) {}

  // Where the next bytes go, and how many fit.
  char* space() {
    compact();
    return buf_ + size_;
  }
  std::size_t space_size() {
    compact();
    return cap_ - size_;
  }
  void commit(std::size_t n) { size_ += n; }
  // Copies bytes in; returns how many fit (call next() to make room).
  std::size_t feed(const char* data, std::size_t n);

  // Result::line: *line / *length is the next complete line without its '\n'
  // (mutable, valid until the next call). Result::too_long: a line did not fit
  // the buffer and was skipped. Result::none: no complete line yet.
  Result next(char** line, std::size_t* length);

 private:
  void compact();  // drops the line handed out last
  char* buf_;
  std::size_t cap_;
  std::size_t size_ = 0;
  std::size_t consumed_ = 0;  // bytes of the line handed out last time
  bool skipping_ = false;     // inside an over-long line, waiting for '\n'
};

}  // namespace onboard::air
