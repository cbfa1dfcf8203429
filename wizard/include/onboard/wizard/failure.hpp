// Why something the wizard tried did not work: a reason from a closed set, a sentence with
// the specifics, and a structured hint. Every layer (HTTP, Wi-Fi, setup API, cloud, session)
// reports failures as this value.
#pragma once

#include <string>
#include <utility>
#include <variant>

#include "onboard/wizard/hint.hpp"
#include "onboard/wizard/reason.hpp"

namespace onboard::wizard {

struct Failure {
  Reason reason = Reason::internal;
  std::string
      message;  // one English sentence with the specifics (names, numbers), for the detail line and logs
  Hint hint;    // what to try next
};

// A value or the Failure that prevented it. Small on purpose: C++20 has no std::expected.
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design, like expected
  Result(Failure failure) : v_(std::move(failure)) {}
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Failure& failure() const { return std::get<1>(v_); }

 private:
  std::variant<T, Failure> v_;
};

struct Done {};
using Status = Result<Done>;

// With the reason's default hint.
inline Failure fail(Reason reason, std::string message) {
  return Failure{reason, std::move(message), default_hint(reason)};
}
inline Failure fail(Reason reason, std::string message, Hint hint) {
  return Failure{reason, std::move(message), std::move(hint)};
}
inline Failure fail(Reason reason, std::string message, Action action, std::string subject = {}) {
  return Failure{reason, std::move(message), Hint{action, std::move(subject)}};
}

}  // namespace onboard::wizard
