// A pull JSON reader over a complete document, for the wizard's side of the setup API: the
// counterpart of JsonWriter, bounded (depth, scratch space) and heap-free like it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace onboard::setup {

// Strings (keys and values) are unescaped into the caller's scratch buffer, one after the
// other, so every text() view stays valid as long as the reader and the buffer live.
// Structure is checked as it is read (commas, colons, nesting, one top-level value); the
// first error is sticky and next() then keeps answering Token::error.
class JsonReader {
 public:
  static constexpr std::size_t kMaxDepth = 8;

  enum class Token : std::uint8_t {
    begin_object,
    end_object,
    begin_array,
    end_array,
    key,
    string,
    number,
    boolean,
    null,
    end,  // the document is over and nothing but whitespace followed
    error,
  };

  JsonReader(std::string_view document, char* scratch, std::size_t scratch_cap)
      : doc_(document), scratch_(scratch), cap_(scratch_cap) {}

  Token next();
  // key/string: the unescaped bytes; number: the number as written.
  std::string_view text() const { return text_; }
  bool boolean_value() const { return bool_; }
  // A number that is an integer fitting int64 (no fraction or exponent).
  bool integer(std::int64_t* out) const;
  // After a key (or at a value): consumes that whole value, nested or not.
  bool skip_value();
  std::size_t depth() const { return depth_; }
  // Reuses the scratch buffer from its start: every earlier text() view is invalid after.
  // Lets a caller read a long array item by item with a small buffer.
  void reuse_scratch() { used_ = 0; }

 private:
  Token fail();
  Token string_token(Token kind);
  Token number_token();
  Token literal(std::string_view word, Token kind, bool value);
  bool read_string();
  bool read_hex4(std::uint32_t* out);
  bool put(char c);
  bool put_utf8(std::uint32_t cp);
  void skip_space();
  bool in_object() const { return depth_ > 0 && ((objects_ >> (depth_ - 1)) & 1u) != 0; }

  std::string_view doc_;
  std::size_t pos_ = 0;
  char* scratch_;
  std::size_t cap_;
  std::size_t used_ = 0;
  std::string_view text_;
  bool bool_ = false;
  std::size_t depth_ = 0;
  std::uint16_t objects_ = 0;  // bit d: level d+1 is an object
  bool need_value_ = true;     // a value is due (start, after ':' or ',' in an array)
  bool need_key_ = false;      // a key is due (after '{' or ',' in an object)
  bool first_ = false;         // just opened: a closing bracket is allowed in place of an item
  bool done_ = false;          // the top-level value is complete
  bool failed_ = false;
};

}  // namespace onboard::setup
