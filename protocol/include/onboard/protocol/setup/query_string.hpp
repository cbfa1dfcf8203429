// Splitting and decoding application/x-www-form-urlencoded query strings (`a=1&b=x+y`).
// Views over the caller's bytes; decoding writes only into the caller's buffer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onboard/protocol/codec/percent.hpp"

namespace onboard::setup {

// One raw (still encoded) pair. A segment without '=' has an empty value.
struct QueryPair {
  std::string_view key;
  std::string_view value;
};

// Iterates the pairs of a query string. Empty segments ("a=1&&b=2", a trailing '&') yield
// nothing, and a single leading '?' is skipped, so callers may pass either form.
class QueryPairs {
 public:
  class Iterator {
   public:
    explicit Iterator(std::string_view rest) : rest_(rest) { load(); }
    const QueryPair& operator*() const { return current_; }
    const QueryPair* operator->() const { return &current_; }
    Iterator& operator++() {
      load();
      return *this;
    }
    bool operator==(const Iterator& other) const { return done_ == other.done_ && (done_ || same(other)); }
    bool operator!=(const Iterator& other) const { return !(*this == other); }

   private:
    bool same(const Iterator& other) const { return current_.key.data() == other.current_.key.data(); }
    void load();
    std::string_view rest_;
    QueryPair current_;
    bool done_ = false;
  };

  explicit QueryPairs(std::string_view query);
  Iterator begin() const { return Iterator(query_); }
  Iterator end() const { return Iterator(std::string_view()); }

 private:
  std::string_view query_;
};

// Values are decoded with codec::percent_decode(..., codec::Plus::space).
using codec::DecodeResult;
using codec::DecodeStatus;

// Encodes everything except the RFC 3986 unreserved set [A-Za-z0-9-._~] as %XX (upper case);
// a space becomes %20 so the result means the same under both '+' conventions.
// Returns false, with nothing promised about `out`, when the result does not fit `cap`.
bool percent_encode(std::string_view in, char* out, std::size_t cap, std::size_t& written);

// Upper bound of percent_encode's output for an input of `n` bytes.
inline constexpr std::size_t percent_encoded_max(std::size_t n) {
  return 3 * n;
}

}  // namespace onboard::setup
