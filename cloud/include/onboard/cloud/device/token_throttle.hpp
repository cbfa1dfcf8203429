// Device-token guessing, per source IP: after `max_failures` failed token
// logins within a minute, that IP's logins are closed at once for a minute.
// Says when a block starts, so the log has one line per block, not one per try.
#pragma once

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace onboard::cloud {

class TokenThrottle {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::seconds kWindow{60};
  static constexpr std::chrono::seconds kBlock{60};

  explicit TokenThrottle(int max_failures) : max_failures_(max_failures) {}

  // True while the address is blocked (the attempt is counted for the block's summary).
  bool blocked(const std::string& address, Clock::time_point now = Clock::now());
  // A failed token login. True when it starts a block.
  bool record_failure(const std::string& address, Clock::time_point now = Clock::now());

 private:
  struct Entry {
    std::deque<Clock::time_point> failures;
    Clock::time_point blocked_until{};
  };
  void forget_stale(Clock::time_point now);

  const int max_failures_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace onboard::cloud
