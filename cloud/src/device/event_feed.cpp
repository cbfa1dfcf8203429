#include "onboard/cloud/device/event_feed.hpp"

namespace onboard::cloud {

void EventFeed::Subscription::push(const LiveEvent& event) {
  bool was_empty = false;
  {
    std::lock_guard lock(mutex_);
    if (overflowed_) return;  // the listener reloads everything anyway
    if (queue_.size() >= kQueueLimit) {
      queue_.clear();
      overflowed_ = true;
      was_empty = true;
    } else {
      was_empty = queue_.empty();
      queue_.push_back(event);
    }
  }
  if (was_empty && wake_) wake_();
}

EventFeed::Subscription::Batch EventFeed::Subscription::take() {
  std::lock_guard lock(mutex_);
  Batch batch;
  batch.overflowed = overflowed_;
  overflowed_ = false;
  batch.events.assign(queue_.begin(), queue_.end());
  queue_.clear();
  return batch;
}

std::shared_ptr<EventFeed::Subscription> EventFeed::subscribe(std::function<void()> wake) {
  auto subscription = std::make_shared<Subscription>(std::move(wake));
  std::lock_guard lock(mutex_);
  std::erase_if(subscriptions_, [](const auto& weak) { return weak.expired(); });
  subscriptions_.push_back(subscription);
  return subscription;
}

void EventFeed::publish(const LiveEvent& event) {
  std::vector<std::shared_ptr<Subscription>> targets;
  {
    std::lock_guard lock(mutex_);
    if (subscriptions_.empty()) return;
    targets.reserve(subscriptions_.size());
    for (const auto& weak : subscriptions_) {
      if (auto s = weak.lock()) targets.push_back(std::move(s));
    }
  }
  // Outside the feed's lock: a wake may post work that subscribes or unsubscribes.
  for (const auto& s : targets) s->push(event);
}

std::size_t EventFeed::listeners() {
  std::lock_guard lock(mutex_);
  std::erase_if(subscriptions_, [](const auto& weak) { return weak.expired(); });
  return subscriptions_.size();
}

}  // namespace onboard::cloud
