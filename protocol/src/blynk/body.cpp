#include "onboard/protocol/blynk/body.hpp"

#include <cstring>

#include "onboard/protocol/codec/decimal.hpp"

namespace onboard::blynk {

void Fields::Iterator::load() {
  if (done_) {
    return;
  }
  const std::size_t nul = rest_.find('\0');
  if (nul == std::string_view::npos) {
    current_ = rest_;
    advance_ = rest_.size();
  } else {
    current_ = rest_.substr(0, nul);
    advance_ = nul + 1;
  }
}

Fields::Iterator& Fields::Iterator::operator++() {
  rest_.remove_prefix(advance_);
  // A body that ended right after a separator has no further field: this is
  // what makes the trailing NUL optional.
  if (rest_.empty()) {
    done_ = true;
    rest_ = {};
  }
  load();
  return *this;
}

std::size_t Fields::count() const {
  std::size_t n = 0;
  for (auto it = begin(); it != end(); ++it) {
    ++n;
  }
  return n;
}

std::string_view Fields::at(std::size_t index, bool* found) const {
  std::size_t i = 0;
  for (auto field : *this) {
    if (i++ == index) {
      if (found != nullptr) *found = true;
      return field;
    }
  }
  if (found != nullptr) *found = false;
  return {};
}

std::size_t Fields::split(std::string_view* out, std::size_t capacity) const {
  std::size_t n = 0;
  for (auto field : *this) {
    if (n < capacity) out[n] = field;
    ++n;
  }
  return n;
}

BodyBuilder& BodyBuilder::add(std::string_view field) {
  if (overflow_) {
    return *this;
  }
  const std::size_t separator = fields_ > 0 ? 1 : 0;
  if (cap_ - size_ < separator + field.size()) {
    overflow_ = true;
    return *this;
  }
  if (separator != 0) {
    buf_[size_++] = '\0';
  }
  if (!field.empty()) {
    std::memcpy(buf_ + size_, field.data(), field.size());
  }
  size_ += field.size();
  ++fields_;
  return *this;
}

BodyBuilder& BodyBuilder::add_unsigned(std::uint64_t value) {
  char digits[codec::kMaxDecimalLength];
  const char* end = digits + sizeof digits;
  const char* begin = codec::write_decimal(value, digits + sizeof digits);
  return add(std::string_view(begin, static_cast<std::size_t>(end - begin)));
}

BodyBuilder& BodyBuilder::add(std::int64_t value) {
  return add(codec::Decimal(value).view());
}

}  // namespace onboard::blynk
