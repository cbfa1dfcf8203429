#include "onboard/protocol/air/line_writer.hpp"

#include <cstring>
#include "onboard/protocol/codec/decimal.hpp"

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
  return field(key, codec::Decimal(value).view());
}

bool LineWriter::finish() {
  append("\n");
  return ok();
}

}  // namespace onboard::air
