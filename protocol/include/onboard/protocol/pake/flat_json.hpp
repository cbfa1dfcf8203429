// A bounded reader for the flat JSON objects the secure setup messages are: one level,
// string, number, true/false/null values. Values are views into the caller's text.
#pragma once

#include <cstdint>
#include <string_view>

namespace onboard::pake {

class FlatJson {
 public:
  // Members beyond this many are refused, as is nesting.
  static constexpr int kMaxMembers = 16;

  // Parses `text` as a whole; valid() tells whether it was one flat object.
  explicit FlatJson(std::string_view text);
  bool valid() const { return valid_; }

  // The raw characters between the quotes (escapes left in); false when absent or not a
  // string.
  bool string(std::string_view key, std::string_view& out) const;
  // A non-negative integer up to 2^32-1 with no fraction or exponent.
  bool unsigned32(std::string_view key, std::uint32_t& out) const;
  bool boolean(std::string_view key, bool& out) const;

 private:
  struct Member {
    std::string_view key;
    std::string_view value;  // strings without their quotes
    char kind = 0;           // 's' string, 'n' number, 't' true, 'f' false, 'z' null
  };
  const Member* find(std::string_view key) const;

  Member members_[kMaxMembers];
  int count_ = 0;
  bool valid_ = false;
};

}  // namespace onboard::pake
