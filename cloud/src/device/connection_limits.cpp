#include "onboard/cloud/device/connection_limits.hpp"

namespace onboard::cloud {

ConnectionLimits::Verdict ConnectionLimits::admit(const std::string& address, Clock::time_point now,
                                                  bool& log) {
  std::lock_guard lock(mutex_);
  if (entries_.size() > 10'000) {  // bounded memory: forget idle addresses
    std::erase_if(entries_, [&](const auto& item) {
      const auto& e = item.second;
      return e.waiting == 0 && now - e.second_start >= std::chrono::seconds(1) &&
             now - e.logged_at >= std::chrono::minutes(1);
    });
  }
  auto& e = entries_[address];
  if (now - e.second_start >= std::chrono::seconds(1)) {
    e.second_start = now;
    e.this_second = 0;
  }
  Verdict verdict = Verdict::Admitted;
  if (e.waiting >= max_waiting_) {
    verdict = Verdict::TooManyWaiting;
  } else if (e.this_second >= max_per_second_) {
    verdict = Verdict::TooFast;
  }
  if (verdict == Verdict::Admitted) {
    ++e.waiting;
    ++e.this_second;
    log = false;
    return verdict;
  }
  log = e.logged_at == Clock::time_point{} || now - e.logged_at >= std::chrono::minutes(1);
  if (log) e.logged_at = now;
  return verdict;
}

void ConnectionLimits::done_waiting(const std::string& address) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(address);
  if (it == entries_.end()) return;
  auto& e = it->second;
  if (e.waiting > 0) --e.waiting;
  // Nothing waiting, nothing counted this second, no refusal to remember: forgotten (bounded memory).
  const auto now = Clock::now();
  if (e.waiting == 0 && now - e.second_start >= std::chrono::seconds(1) &&
      now - e.logged_at >= std::chrono::minutes(1))
    entries_.erase(it);
}

std::string_view to_string(ConnectionLimits::Verdict verdict) {
  switch (verdict) {
    case ConnectionLimits::Verdict::Admitted: return "admitted";
    case ConnectionLimits::Verdict::TooManyWaiting: return "too many connections not logged in";
    case ConnectionLimits::Verdict::TooFast: return "too many new connections per second";
  }
  return "refused";
}

}  // namespace onboard::cloud
