#include "onboard/protocol/air/message.hpp"

#include "onboard/protocol/codec/percent.hpp"

namespace onboard::air {

const char* to_string(ParseError error) {
  switch (error) {
    case ParseError::none: return "none";
    case ParseError::empty: return "empty";
    case ParseError::bad_verb: return "bad_verb";
    case ParseError::bad_field: return "bad_field";
    case ParseError::too_many_fields: return "too_many_fields";
    case ParseError::bad_encoding: return "bad_encoding";
    case ParseError::duplicate_key: return "duplicate_key";
  }
  return "unknown";
}

bool is_valid_name(std::string_view name) {
  if (name.empty() || name.size() > 32) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

ParseError Message::parse(char* line, std::size_t length) {
  verb_ = {};
  count_ = 0;
  if (length > 0 && line[length - 1] == '\n') --length;
  if (length > 0 && line[length - 1] == '\r') --length;

  std::size_t pos = 0;
  auto next_token = [&](std::size_t* start) -> std::size_t {
    while (pos < length && line[pos] == ' ') ++pos;
    *start = pos;
    while (pos < length && line[pos] != ' ') ++pos;
    return pos - *start;
  };

  std::size_t start = 0;
  std::size_t n = next_token(&start);
  if (n == 0) return ParseError::empty;
  const std::string_view verb(line + start, n);
  if (!is_valid_name(verb)) return ParseError::bad_verb;

  for (;;) {
    n = next_token(&start);
    if (n == 0) break;
    const std::string_view token(line + start, n);
    const std::size_t eq = token.find('=');
    if (eq == std::string_view::npos) {
      count_ = 0;
      return ParseError::bad_field;
    }
    const std::string_view key = token.substr(0, eq);
    if (!is_valid_name(key)) {
      count_ = 0;
      return ParseError::bad_field;
    }
    if (has(key)) {
      count_ = 0;
      return ParseError::duplicate_key;
    }
    if (count_ == kMaxFields) {
      count_ = 0;
      return ParseError::too_many_fields;
    }
    const std::string_view encoded = token.substr(eq + 1);
    char* value = line + start + eq + 1;
    const codec::DecodeResult decoded =
        codec::percent_decode(encoded, value, encoded.size(), codec::Plus::literal);
    if (!decoded.ok()) {
      count_ = 0;
      return ParseError::bad_encoding;
    }
    fields_[count_++] = Field{key, std::string_view(value, decoded.size)};
  }
  verb_ = verb;
  return ParseError::none;
}

bool Message::has(std::string_view key) const {
  for (std::size_t i = 0; i < count_; ++i) {
    if (fields_[i].key == key) return true;
  }
  return false;
}

std::string_view Message::get(std::string_view key, std::string_view fallback) const {
  for (std::size_t i = 0; i < count_; ++i) {
    if (fields_[i].key == key) return fields_[i].value;
  }
  return fallback;
}

bool Message::get_int(std::string_view key, std::int32_t* out) const {
  if (!has(key)) return false;
  std::string_view text = get(key);
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  if (text.empty() || text.size() > 10) return false;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  if (negative) value = -value;
  if (value < INT32_MIN || value > INT32_MAX) return false;
  *out = static_cast<std::int32_t>(value);
  return true;
}

}  // namespace onboard::air
