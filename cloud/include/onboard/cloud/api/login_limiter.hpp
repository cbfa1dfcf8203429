// Failed sign-ins per client address: 5 within 10 minutes block that address
// until the oldest failure is 10 minutes old. A success does not clear the
// count (an attacker could otherwise interleave logins to an own account).
#pragma once

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace onboard::cloud {

class LoginLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr int kMaxFailures = 5;
  static constexpr std::chrono::minutes kWindow{10};

  // Seconds to wait before trying again, or 0 when the address may try now.
  long retry_after(const std::string& address, Clock::time_point now = Clock::now());
  void record_failure(const std::string& address, Clock::time_point now = Clock::now());

 private:
  void prune(std::deque<Clock::time_point>& failures, Clock::time_point now);

  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<Clock::time_point>> failures_;
};

}  // namespace onboard::cloud
