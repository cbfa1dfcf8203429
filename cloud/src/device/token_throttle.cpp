#include "onboard/cloud/device/token_throttle.hpp"

namespace onboard::cloud {

namespace {
constexpr std::size_t kSweepAbove = 10'000;  // addresses remembered before stale ones are swept
}

bool TokenThrottle::blocked(const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(address);
  return it != entries_.end() && now < it->second.blocked_until;
}

bool TokenThrottle::record_failure(const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (entries_.size() > kSweepAbove) forget_stale(now);
  auto& e = entries_[address];
  while (!e.failures.empty() && now - e.failures.front() >= kWindow) e.failures.pop_front();
  e.failures.push_back(now);
  if (now < e.blocked_until || static_cast<int>(e.failures.size()) < max_failures_) return false;
  e.blocked_until = now + kBlock;
  e.failures.clear();
  return true;
}

void TokenThrottle::forget_stale(Clock::time_point now) {
  std::erase_if(entries_, [&](const auto& item) {
    const auto& e = item.second;
    return now >= e.blocked_until && (e.failures.empty() || now - e.failures.back() >= kWindow);
  });
}

}  // namespace onboard::cloud
