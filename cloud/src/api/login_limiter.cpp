#include "onboard/cloud/api/login_limiter.hpp"

namespace onboard::cloud {

void LoginLimiter::prune(std::deque<Clock::time_point>& failures, Clock::time_point now) {
  while (!failures.empty() && now - failures.front() >= kWindow) failures.pop_front();
}

long LoginLimiter::retry_after(const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto it = failures_.find(address);
  if (it == failures_.end()) return 0;
  prune(it->second, now);
  if (it->second.empty()) {
    failures_.erase(it);
    return 0;
  }
  if (static_cast<int>(it->second.size()) < kMaxFailures) return 0;
  const auto wait = std::chrono::ceil<std::chrono::seconds>(it->second.front() + kWindow - now).count();
  return wait < 1 ? 1 : static_cast<long>(wait);
}

void LoginLimiter::record_failure(const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto& failures = failures_[address];
  prune(failures, now);
  failures.push_back(now);
}

}  // namespace onboard::cloud
