// A streaming JSON writer into a caller's buffer, for the setup API's response bodies.
// Strings are escaped per RFC 8259 and always come out as valid UTF-8, whatever bytes go in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace onboard::setup {

// Commas and colons are automatic. Two sticky failures, checked once at the end via ok():
// overflow (the buffer is full; nothing more is written) and misuse (a value where a key is
// due, a mismatched end, nesting deeper than kMaxDepth, a second top-level value).
//
// string() treats its input as bytes. Each ill-formed UTF-8 sequence (maximal subpart, as in
// Unicode's "U+FFFD substitution" practice) becomes U+FFFD, so an SSID with a stray Latin-1
// byte still shows, and a client's strict JSON parser never chokes. `"` and `\` are escaped;
// control bytes below 0x20 become \b \f \n \r \t or \u00XX; DEL (0x7F) is valid JSON and kept.
class JsonWriter {
 public:
  static constexpr std::size_t kMaxDepth = 8;

  JsonWriter(char* out, std::size_t cap) : out_(out), cap_(cap) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& string(std::string_view value);
  JsonWriter& integer(std::int64_t value);
  JsonWriter& boolean(bool value);
  JsonWriter& null();
  // key(name) and its value in one call: what every object member of the setup API needs.
  JsonWriter& member(std::string_view name, std::string_view value) { return key(name).string(value); }
  // Without it a string literal would pick the bool overload (a pointer converts to bool first).
  JsonWriter& member(std::string_view name, const char* value) {
    return member(name, std::string_view(value));
  }
  JsonWriter& member(std::string_view name, std::int64_t value);
  JsonWriter& member(std::string_view name, bool value);

  // Nothing failed so far (the document may still be open).
  bool ok() const { return !overflow_ && !misuse_; }
  // ok() and exactly one top-level value, fully closed.
  bool complete() const { return ok() && depth_ == 0 && done_; }
  bool overflowed() const { return overflow_; }
  std::size_t size() const { return size_; }
  // Not NUL-terminated.
  std::string_view view() const { return {out_, size_}; }

 private:
  bool before_value();
  JsonWriter& open(char bracket, bool is_object);
  JsonWriter& close(char bracket, bool is_object);
  void put(char c);
  void put(std::string_view text);
  void put_escaped(std::string_view value);
  bool in_object() const { return depth_ > 0 && ((objects_ >> (depth_ - 1)) & 1u) != 0; }
  bool level_has_items() const { return depth_ > 0 && ((nonempty_ >> (depth_ - 1)) & 1u) != 0; }
  void set_level_has_items() { nonempty_ = static_cast<std::uint16_t>(nonempty_ | (1u << (depth_ - 1))); }

  char* out_;
  std::size_t cap_;
  std::size_t size_ = 0;
  std::size_t depth_ = 0;
  std::uint16_t objects_ = 0;   // bit d: level d+1 is an object
  std::uint16_t nonempty_ = 0;  // bit d: level d+1 already holds a member or element
  bool after_key_ = false;
  bool done_ = false;
  bool overflow_ = false;
  bool misuse_ = false;
};

}  // namespace onboard::setup
