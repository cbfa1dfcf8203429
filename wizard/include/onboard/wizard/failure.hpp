// Why something the wizard tried did not work: a stable reason string, a sentence, a hint.
// Every layer (HTTP, Wi-Fi, setup API, cloud, session) reports failures as this value.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace onboard::wizard {

struct Failure {
  std::string reason;   // stable, lowercase: "wrong_password", "timeout", "template_mismatch", ...
  std::string message;  // one sentence for a person
  std::string hint;     // what to try next; may be empty
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

inline Failure fail(std::string reason, std::string message, std::string hint = {}) {
  return Failure{std::move(reason), std::move(message), std::move(hint)};
}

}  // namespace onboard::wizard
