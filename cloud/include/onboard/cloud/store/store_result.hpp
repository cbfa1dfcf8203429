// Errors as values at the store boundary: every store call answers a value or
// a StoreFailure naming what went wrong, so a full disk is never a "conflict".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace onboard::cloud {

enum class StoreErrorKind {
  Unavailable,  // the database cannot be reached or opened
  Busy,         // another writer held the lock past the busy timeout
  DiskFull,     // no space left for the write
  Io,           // read/write failure, corruption, read-only file
  Conflict,     // a unique key is taken (name, email, token)
  NotFound,     // the record named does not exist
};
std::string_view to_string(StoreErrorKind kind);

struct StoreFailure {
  StoreErrorKind kind = StoreErrorKind::Io;
  std::string message;  // for the log and the 503 reason; never holds a secret
};

// A value or a failure (std::expected is C++23).
template <typename T>
class [[nodiscard]] StoreResult {
 public:
  StoreResult(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit on purpose
  StoreResult(StoreFailure failure) : v_(std::in_place_index<1>, std::move(failure)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const StoreFailure& error() const { return std::get<1>(v_); }
  bool is(StoreErrorKind kind) const { return !ok() && error().kind == kind; }

 private:
  std::variant<T, StoreFailure> v_;
};

struct Done {};  // the value of a store call that answers nothing
using StoreStatus = StoreResult<Done>;
inline StoreStatus done() {
  return Done{};
}

inline StoreFailure store_failure(StoreErrorKind kind, std::string message) {
  return StoreFailure{kind, std::move(message)};
}

}  // namespace onboard::cloud
