#include "onboard/protocol/setup/json_reader.hpp"

#include "onboard/protocol/codec/percent.hpp"

namespace onboard::setup {

using Token = JsonReader::Token;

Token JsonReader::fail() {
  failed_ = true;
  text_ = {};
  return Token::error;
}

void JsonReader::skip_space() {
  while (pos_ < doc_.size() &&
         (doc_[pos_] == ' ' || doc_[pos_] == '\t' || doc_[pos_] == '\n' || doc_[pos_] == '\r'))
    ++pos_;
}

bool JsonReader::put(char c) {
  if (used_ >= cap_) return false;
  scratch_[used_++] = c;
  return true;
}

bool JsonReader::put_utf8(std::uint32_t cp) {
  if (cp < 0x80) return put(static_cast<char>(cp));
  if (cp < 0x800) {
    return put(static_cast<char>(0xC0 | (cp >> 6))) && put(static_cast<char>(0x80 | (cp & 0x3F)));
  }
  if (cp < 0x10000) {
    return put(static_cast<char>(0xE0 | (cp >> 12))) && put(static_cast<char>(0x80 | ((cp >> 6) & 0x3F))) &&
           put(static_cast<char>(0x80 | (cp & 0x3F)));
  }
  return put(static_cast<char>(0xF0 | (cp >> 18))) && put(static_cast<char>(0x80 | ((cp >> 12) & 0x3F))) &&
         put(static_cast<char>(0x80 | ((cp >> 6) & 0x3F))) && put(static_cast<char>(0x80 | (cp & 0x3F)));
}

bool JsonReader::read_hex4(std::uint32_t* out) {
  if (doc_.size() - pos_ < 4) return false;
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) {
    const int d = codec::hex_value(doc_[pos_++]);
    if (d < 0) return false;
    v = (v << 4) | static_cast<std::uint32_t>(d);
  }
  *out = v;
  return true;
}

// At the opening quote. Unpaired surrogates become U+FFFD, as JsonWriter would write them.
bool JsonReader::read_string() {
  ++pos_;
  const std::size_t start = used_;
  while (pos_ < doc_.size()) {
    const char c = doc_[pos_++];
    if (c == '"') {
      text_ = std::string_view(scratch_ + start, used_ - start);
      return true;
    }
    if (static_cast<unsigned char>(c) < 0x20) return false;
    if (c != '\\') {
      if (!put(c)) return false;
      continue;
    }
    if (pos_ >= doc_.size()) return false;
    const char e = doc_[pos_++];
    char plain = 0;
    switch (e) {
      case '"': plain = '"'; break;
      case '\\': plain = '\\'; break;
      case '/': plain = '/'; break;
      case 'b': plain = '\b'; break;
      case 'f': plain = '\f'; break;
      case 'n': plain = '\n'; break;
      case 'r': plain = '\r'; break;
      case 't': plain = '\t'; break;
      case 'u': {
        std::uint32_t cp = 0;
        if (!read_hex4(&cp)) return false;
        if (cp >= 0xD800 && cp <= 0xDBFF && doc_.substr(pos_, 2) == "\\u") {
          const std::size_t back = pos_;
          pos_ += 2;
          std::uint32_t low = 0;
          if (!read_hex4(&low)) return false;
          if (low >= 0xDC00 && low <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else {
            pos_ = back;  // not a pair: the second escape is read on its own
            cp = 0xFFFD;
          }
        } else if (cp >= 0xD800 && cp <= 0xDFFF) {
          cp = 0xFFFD;
        }
        if (!put_utf8(cp)) return false;
        continue;
      }
      default: return false;
    }
    if (!put(plain)) return false;
  }
  return false;
}

Token JsonReader::string_token(Token kind) {
  if (!read_string()) return fail();
  return kind;
}

Token JsonReader::number_token() {
  const std::size_t start = pos_;
  if (pos_ < doc_.size() && doc_[pos_] == '-') ++pos_;
  auto digits = [&] {
    const std::size_t from = pos_;
    while (pos_ < doc_.size() && doc_[pos_] >= '0' && doc_[pos_] <= '9') ++pos_;
    return pos_ - from;
  };
  const std::size_t int_start = pos_;
  const std::size_t n = digits();
  if (n == 0 || (n > 1 && doc_[int_start] == '0')) return fail();
  if (pos_ < doc_.size() && doc_[pos_] == '.') {
    ++pos_;
    if (digits() == 0) return fail();
  }
  if (pos_ < doc_.size() && (doc_[pos_] == 'e' || doc_[pos_] == 'E')) {
    ++pos_;
    if (pos_ < doc_.size() && (doc_[pos_] == '+' || doc_[pos_] == '-')) ++pos_;
    if (digits() == 0) return fail();
  }
  text_ = doc_.substr(start, pos_ - start);
  return Token::number;
}

Token JsonReader::literal(std::string_view word, Token kind, bool value) {
  if (doc_.substr(pos_, word.size()) != word) return fail();
  pos_ += word.size();
  text_ = word;
  bool_ = value;
  return kind;
}

bool JsonReader::integer(std::int64_t* out) const {
  std::string_view t = text_;
  if (t.empty()) return false;
  const bool negative = t.front() == '-';
  if (negative) t.remove_prefix(1);
  if (t.empty()) return false;
  std::uint64_t v = 0;
  for (char c : t) {
    if (c < '0' || c > '9') return false;
    const auto d = static_cast<std::uint64_t>(c - '0');
    if (v > (static_cast<std::uint64_t>(INT64_MAX) + (negative ? 1u : 0u) - d) / 10) return false;
    v = v * 10 + d;
  }
  *out = negative ? static_cast<std::int64_t>(0 - v) : static_cast<std::int64_t>(v);
  return true;
}

Token JsonReader::next() {
  if (failed_) return Token::error;
  skip_space();
  if (done_) {
    if (pos_ != doc_.size()) return fail();
    return Token::end;
  }
  if (pos_ >= doc_.size()) return fail();
  char c = doc_[pos_];

  // A closing bracket: allowed right after the opening one or after a complete item.
  if (c == '}' || c == ']') {
    const bool object = c == '}';
    if (depth_ == 0 || in_object() != object) return fail();
    if (!first_ && (need_value_ || need_key_)) return fail();
    ++pos_;
    --depth_;
    first_ = false;
    need_key_ = false;
    need_value_ = false;
    if (depth_ == 0) done_ = true;
    return object ? Token::end_object : Token::end_array;
  }
  if (!need_value_ && !need_key_) {
    // Between items: a comma (the closing brackets were handled above).
    if (c != ',' || depth_ == 0) return fail();
    ++pos_;
    skip_space();
    if (pos_ >= doc_.size()) return fail();
    c = doc_[pos_];
    if (in_object()) {
      need_key_ = true;
    } else {
      need_value_ = true;
    }
  }
  first_ = false;
  if (need_key_) {
    if (c != '"') return fail();
    if (!read_string()) return fail();
    skip_space();
    if (pos_ >= doc_.size() || doc_[pos_] != ':') return fail();
    ++pos_;
    need_key_ = false;
    need_value_ = true;
    return Token::key;
  }
  // A value is due.
  need_value_ = false;
  const bool top = depth_ == 0;
  Token t = Token::error;
  switch (c) {
    case '{':
    case '[':
      if (depth_ >= kMaxDepth) return fail();
      ++pos_;
      ++depth_;
      if (c == '{') {
        objects_ = static_cast<std::uint16_t>(objects_ | (1u << (depth_ - 1)));
        need_key_ = true;
      } else {
        objects_ = static_cast<std::uint16_t>(objects_ & ~(1u << (depth_ - 1)));
        need_value_ = true;
      }
      first_ = true;
      return c == '{' ? Token::begin_object : Token::begin_array;
    case '"': t = string_token(Token::string); break;
    case 't': t = literal("true", Token::boolean, true); break;
    case 'f': t = literal("false", Token::boolean, false); break;
    case 'n': t = literal("null", Token::null, false); break;
    default:
      if (c == '-' || (c >= '0' && c <= '9')) {
        t = number_token();
      } else {
        return fail();
      }
  }
  if (t != Token::error && top) done_ = true;
  return t;
}

bool JsonReader::skip_value() {
  const std::size_t base = depth_;
  const Token first = next();
  if (first == Token::error || first == Token::end) return false;
  if (first != Token::begin_object && first != Token::begin_array) return true;
  while (depth_ > base) {
    const Token t = next();
    if (t == Token::error || t == Token::end) return false;
  }
  return true;
}

}  // namespace onboard::setup
