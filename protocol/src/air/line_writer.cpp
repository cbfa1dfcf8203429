#include "onboard/protocol/air/line_writer.hpp"

#include <cstring>

#include "onboard/protocol/air/percent.hpp"

namespace onboard::air {

bool LineWriter::append(std::string_view raw) {
  if (overflow_) return false;
  if (cap_ - size_ < raw.size()) {
    overflow_ = true;
    return false;
  }
  if (!raw.empty()) std::memcpy(buf_ + size_, raw.data(), raw.size());
  size_ += raw.size();
  return true;
}

LineWriter& LineWriter::verb(std::string_view verb) {
  append(verb);
  return *this;
}

LineWriter& LineWriter::field(std::string_view key, std::string_view value) {
  if (!append(" ") || !append(key) || !append("=")) return *this;
  const std::size_t need = percent_encoded_size(value);
  if (cap_ - size_ < need) {
    overflow_ = true;
    return *this;
  }
  size_ += percent_encode(value, buf_ + size_, cap_ - size_);
  return *this;
}

LineWriter& LineWriter::field(std::string_view key, std::int64_t value) {
  char digits[21];
  std::size_t n = 0;
  // Unsigned arithmetic keeps INT64_MIN exact.
  std::uint64_t magnitude =
      value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  do {
    digits[sizeof digits - 1 - n] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
    ++n;
  } while (magnitude != 0);
  if (value < 0) {
    digits[sizeof digits - 1 - n] = '-';
    ++n;
  }
  return field(key, std::string_view(digits + sizeof digits - n, n));
}

bool LineWriter::finish() {
  append("\n");
  return ok();
}

}  // namespace onboard::air
