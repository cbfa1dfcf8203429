// A way for a front end to stop a running session from another thread (a Cancel button, a
// closed window): every wait of the wizard ends early, and the session ends `cancelled`.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace onboard::wizard {

using Clock = std::chrono::steady_clock;

// Copies share one state: cancel() on any copy is seen by all.
class CancelToken {
 public:
  CancelToken() : state_(std::make_shared<State>()) {}

  void cancel() const {
    {
      std::lock_guard<std::mutex> lock(state_->mutex);
      state_->cancelled = true;
    }
    state_->changed.notify_all();
  }
  bool cancelled() const {
    std::lock_guard<std::mutex> lock(state_->mutex);
    return state_->cancelled;
  }
  // Sleeps until `deadline` or a cancel, whichever comes first; false when cancelled.
  bool sleep_until(Clock::time_point deadline) const {
    std::unique_lock<std::mutex> lock(state_->mutex);
    state_->changed.wait_until(lock, deadline, [&] { return state_->cancelled; });
    return !state_->cancelled;
  }
  bool sleep_for(Clock::duration d) const { return sleep_until(Clock::now() + d); }

 private:
  struct State {
    std::mutex mutex;
    std::condition_variable changed;
    bool cancelled = false;
  };
  std::shared_ptr<State> state_;
};

}  // namespace onboard::wizard
