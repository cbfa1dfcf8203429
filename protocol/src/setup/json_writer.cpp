#include "onboard/protocol/setup/json_writer.hpp"

#include "onboard/protocol/codec/decimal.hpp"

namespace onboard::setup {

namespace {

constexpr char kHex[] = "0123456789abcdef";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool in(unsigned char c, unsigned char lo, unsigned char hi) {
  return c >= lo && c <= hi;
}

// Length of the well-formed UTF-8 sequence at text[i] (Unicode Table 3-7), or, when it is
// ill-formed, the negated length of its maximal subpart (at least 1) to replace with U+FFFD.
int utf8_sequence(std::string_view text, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 < 0x80) return 1;
  int need = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (in(b0, 0xC2, 0xDF)) {
    need = 1;
  } else if (in(b0, 0xE0, 0xEF)) {
    need = 2;
    if (b0 == 0xE0) lo = 0xA0;  // no overlongs
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (in(b0, 0xF0, 0xF4)) {
    need = 3;
    if (b0 == 0xF0) lo = 0x90;  // no overlongs
    if (b0 == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return -1;
  }
  for (int k = 1; k <= need; ++k) {
    const std::size_t at = i + static_cast<std::size_t>(k);
    if (at >= text.size()) return -k;
    const auto b = static_cast<unsigned char>(text[at]);
    if (k == 1 ? !in(b, lo, hi) : !in(b, 0x80, 0xBF)) return -k;
  }
  return need + 1;
}

}  // namespace

void JsonWriter::put(char c) {
  if (overflow_ || size_ >= cap_) {
    overflow_ = true;
    return;
  }
  out_[size_++] = c;
}

void JsonWriter::put(std::string_view text) {
  if (overflow_ || text.size() > cap_ - size_) {
    overflow_ = true;
    return;
  }
  for (char c : text) out_[size_++] = c;
}

void JsonWriter::put_escaped(std::string_view value) {
  put('"');
  for (std::size_t i = 0; i < value.size() && !overflow_;) {
    const int length = utf8_sequence(value, i);
    if (length < 0) {
      put(kReplacement);
      i += static_cast<std::size_t>(-length);
      continue;
    }
    if (length > 1) {
      put(value.substr(i, static_cast<std::size_t>(length)));
      i += static_cast<std::size_t>(length);
      continue;
    }
    const char c = value[i++];
    // Pairs of (byte, letter of its two-character escape).
    static constexpr char kShortEscapes[] = "\"\"\\\\\bb\ff\nn\rr\tt";
    const char* shorthand = nullptr;
    for (std::size_t k = 0; k + 1 < sizeof kShortEscapes; k += 2) {
      if (kShortEscapes[k] == c) shorthand = &kShortEscapes[k + 1];
    }
    if (shorthand != nullptr) {
      const char escape[] = {'\\', *shorthand};
      put(std::string_view(escape, sizeof(escape)));
    } else if (static_cast<unsigned char>(c) < 0x20) {
      const char escape[] = {'\\', 'u', '0', '0', kHex[(c >> 4) & 0xF], kHex[c & 0xF]};
      put(std::string_view(escape, sizeof(escape)));
    } else {
      put(c);
    }
  }
  put('"');
}

bool JsonWriter::before_value() {
  if (misuse_ || overflow_) return false;
  if (depth_ == 0) {
    if (done_) misuse_ = true;
    return !misuse_;
  }
  if (in_object()) {
    if (!after_key_) misuse_ = true;
    after_key_ = false;
    return !misuse_;
  }
  if (level_has_items()) put(',');
  set_level_has_items();
  return !overflow_;
}

JsonWriter& JsonWriter::open(char bracket, bool is_object) {
  if (!before_value()) return *this;
  if (depth_ >= kMaxDepth) {
    misuse_ = true;
    return *this;
  }
  put(bracket);
  ++depth_;
  const auto bit = static_cast<std::uint16_t>(1u << (depth_ - 1));
  objects_ = static_cast<std::uint16_t>(is_object ? (objects_ | bit) : (objects_ & ~bit));
  nonempty_ = static_cast<std::uint16_t>(nonempty_ & ~bit);
  return *this;
}

JsonWriter& JsonWriter::close(char bracket, bool is_object) {
  if (!ok()) return *this;
  if (depth_ == 0 || in_object() != is_object || after_key_) {
    misuse_ = true;
    return *this;
  }
  put(bracket);
  --depth_;
  if (depth_ == 0) done_ = true;
  return *this;
}

JsonWriter& JsonWriter::begin_object() {
  return open('{', true);
}
JsonWriter& JsonWriter::end_object() {
  return close('}', true);
}
JsonWriter& JsonWriter::begin_array() {
  return open('[', false);
}
JsonWriter& JsonWriter::end_array() {
  return close(']', false);
}

JsonWriter& JsonWriter::key(std::string_view name) {
  if (!ok()) return *this;
  if (!in_object() || after_key_) {
    misuse_ = true;
    return *this;
  }
  if (level_has_items()) put(',');
  set_level_has_items();
  put_escaped(name);
  put(':');
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view value) {
  if (before_value()) put_escaped(value);
  if (depth_ == 0 && ok()) done_ = true;
  return *this;
}

JsonWriter& JsonWriter::integer(std::int64_t value) {
  if (!before_value()) return *this;
  put(codec::Decimal(value).view());
  if (depth_ == 0 && ok()) done_ = true;
  return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
  if (before_value()) put(value ? std::string_view("true") : std::string_view("false"));
  if (depth_ == 0 && ok()) done_ = true;
  return *this;
}

JsonWriter& JsonWriter::member(std::string_view name, std::int64_t value) {
  return key(name).integer(value);
}

JsonWriter& JsonWriter::member(std::string_view name, bool value) {
  return key(name).boolean(value);
}

JsonWriter& JsonWriter::null() {
  if (before_value()) put(std::string_view("null"));
  if (depth_ == 0 && ok()) done_ = true;
  return *this;
}

}  // namespace onboard::setup
