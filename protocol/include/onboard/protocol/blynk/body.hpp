// Reading and writing NUL-separated message bodies ("vw\0" "5\0" "23.7").
// Readers are views over the caller's bytes; the builder writes into a caller's buffer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace onboard::blynk {

// Iterates the fields of a body. Empty fields are kept ("a\0\0b" has three);
// one trailing NUL ends the body without adding a field, so "a\0b" and "a\0b\0"
// read the same; an empty body has no fields.
class Fields {
 public:
  class Iterator {
   public:
    Iterator(std::string_view rest, bool done) : rest_(rest), done_(done) { load(); }
    std::string_view operator*() const { return current_; }
    Iterator& operator++();
    bool operator==(const Iterator& other) const {
      return done_ == other.done_ && (done_ || rest_.data() == other.rest_.data());
    }
    bool operator!=(const Iterator& other) const { return !(*this == other); }

   private:
    void load();
    std::string_view rest_;
    std::string_view current_;
    std::size_t advance_ = 0;
    bool done_;
  };

  explicit Fields(std::string_view body) : body_(body) {}
  Iterator begin() const { return Iterator(body_, body_.empty()); }
  Iterator end() const { return Iterator({}, true); }

  std::size_t count() const;
  // The field at index, or an empty view with found=false when there is none.
  // Walks from the start: in a loop over all fields use split() instead.
  std::string_view at(std::size_t index, bool* found = nullptr) const;
  // All fields in one pass: writes the first `capacity` of them to out and
  // returns how many the body has (more than capacity: the rest were not written).
  std::size_t split(std::string_view* out, std::size_t capacity) const;

 private:
  std::string_view body_;
};

// Appends NUL-separated fields into a fixed buffer. Overflow is sticky: once a
// field does not fit, nothing more is written and ok() stays false.
class BodyBuilder {
 public:
  BodyBuilder(char* buffer, std::size_t capacity) : buf_(buffer), cap_(capacity) {}

  BodyBuilder& add(std::string_view field);
  BodyBuilder& add(std::int64_t value);
  BodyBuilder& add_unsigned(std::uint64_t value);
  BodyBuilder& add(int value) { return add(static_cast<std::int64_t>(value)); }

  bool ok() const { return !overflow_; }
  std::size_t size() const { return size_; }
  std::string_view view() const { return {buf_, size_}; }
  void clear() {
    size_ = 0;
    fields_ = 0;
    overflow_ = false;
  }

 private:
  char* buf_;
  std::size_t cap_;
  std::size_t size_ = 0;
  std::size_t fields_ = 0;
  bool overflow_ = false;
};

}  // namespace onboard::blynk
