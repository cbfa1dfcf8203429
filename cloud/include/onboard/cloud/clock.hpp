// Wall-clock time as Unix milliseconds (what the store keeps) and its ISO-8601
// form (what the REST API shows); the Clock the server's context carries, so
// tests move time instead of sleeping.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace onboard::cloud {

using Millis = std::int64_t;

Millis now_ms();
// "2024-05-01T12:00:00.123Z"; an empty string for 0 (never).
std::string iso8601(Millis ms);

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Millis now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Millis now() const override { return now_ms(); }
};

// A clock that moves only when told (tests).
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Millis start = 1'700'000'000'000) : now_(start) {}
  Millis now() const override { return now_.load(); }
  void advance(Millis ms) { now_ += ms; }

 private:
  std::atomic<Millis> now_;
};

}  // namespace onboard::cloud
