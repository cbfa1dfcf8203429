// What happens to devices, as it happens: the hub publishes status changes,
// activations and timeline events; each console stream subscribes here.
// Thread-safe; publishing costs nothing when no one listens.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "onboard/cloud/domain/types.hpp"

namespace onboard::cloud {

struct LiveEvent {
  enum class Kind { Online, Offline, Activated, Timeline, SessionEnded };
  Kind kind = Kind::Timeline;
  Id device_id = 0;  // for SessionEnded: the user whose session ended
  Millis ts = 0;
  TimelineEvent timeline;  // for Timeline
};

class EventFeed {
 public:
  // One listener's queue. A listener that falls too far behind loses the
  // queued events and is told so (overflowed), so it can reload instead.
  class Subscription {
   public:
    explicit Subscription(std::function<void()> wake) : wake_(std::move(wake)) {}
    struct Batch {
      std::vector<LiveEvent> events;
      bool overflowed = false;
    };
    Batch take();

   private:
    friend class EventFeed;
    void push(const LiveEvent& event);

    std::function<void()> wake_;
    std::mutex mutex_;
    std::deque<LiveEvent> queue_;
    bool overflowed_ = false;
  };

  static constexpr std::size_t kQueueLimit = 20000;

  // `wake` is called (from the publishing thread) when the queue becomes non-empty.
  std::shared_ptr<Subscription> subscribe(std::function<void()> wake);
  void publish(const LiveEvent& event);
  std::size_t listeners();

 private:
  std::mutex mutex_;
  std::vector<std::weak_ptr<Subscription>> subscriptions_;
};

}  // namespace onboard::cloud
