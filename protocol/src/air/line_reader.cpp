#include "onboard/protocol/air/line_reader.hpp"

#include <cstring>

namespace onboard::air {

void LineReader::compact() {
  if (consumed_ == 0) return;
  std::memmove(buf_, buf_ + consumed_, size_ - consumed_);
  size_ -= consumed_;
  consumed_ = 0;
}

std::size_t LineReader::feed(const char* data, std::size_t n) {
  compact();
  const std::size_t take = n < cap_ - size_ ? n : cap_ - size_;
  if (take > 0) std::memcpy(buf_ + size_, data, take);
  size_ += take;
  return take;
}

LineReader::Result LineReader::next(char** line, std::size_t* length) {
  compact();
  for (;;) {
    const void* nl = size_ > 0 ? std::memchr(buf_, '\n', size_) : nullptr;
    if (nl == nullptr) {
      if (size_ == cap_) {
        // The line is longer than the buffer: drop what we have and skip to '\n'.
        const bool first = !skipping_;
        skipping_ = true;
        size_ = 0;
        if (first) return Result::too_long;
      }
      return Result::none;
    }
    const std::size_t end = static_cast<std::size_t>(static_cast<const char*>(nl) - buf_);
    if (skipping_) {
      // The tail of an over-long line: discard it and look again.
      std::memmove(buf_, buf_ + end + 1, size_ - end - 1);
      size_ -= end + 1;
      skipping_ = false;
      continue;
    }
    *line = buf_;
    *length = end;
    consumed_ = end + 1;
    return Result::line;
  }
}

}  // namespace onboard::air
