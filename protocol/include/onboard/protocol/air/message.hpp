// One control-socket message: "verb key=value key=value\n", values
// percent-encoded. The parser is bounded (kMaxFields) and decodes values in
// place in the caller's buffer, so fields are views over decoded bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onboard/protocol/air/limits.hpp"

namespace onboard::air {

enum class ParseError : std::uint8_t {
  none,
  empty,            // blank line
  bad_verb,         // verb missing or not [a-z0-9_]
  bad_field,        // a token without '=' or with a bad key
  too_many_fields,  // more than kMaxFields
  bad_encoding,     // malformed %XX in a value
  duplicate_key,    // the same key twice
};
const char* to_string(ParseError error);

struct Field {
  std::string_view key;
  std::string_view value;  // decoded
};

class Message {
 public:
  // Parses line[0..length) (a trailing "\n" or "\r\n" is ignored), decoding
  // values in place. On an error the message is empty.
  ParseError parse(char* line, std::size_t length);

  std::string_view verb() const { return verb_; }
  bool is(std::string_view verb) const { return verb_ == verb; }
  std::size_t size() const { return count_; }
  const Field& at(std::size_t index) const { return fields_[index]; }

  bool has(std::string_view key) const;
  // The value of key, or fallback when the key is absent.
  std::string_view get(std::string_view key, std::string_view fallback = {}) const;
  // Reads a decimal integer (optional '-'); false when absent or not a number
  // that fits.
  bool get_int(std::string_view key, std::int32_t* out) const;

 private:
  std::string_view verb_;
  Field fields_[kMaxFields];
  std::size_t count_ = 0;
};

// Keys and verbs: 1..32 of [a-z0-9_].
bool is_valid_name(std::string_view name);

}  // namespace onboard::air
