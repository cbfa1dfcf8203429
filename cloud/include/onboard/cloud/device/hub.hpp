// The live side of devices: which device is connected where, last pin values
// (in memory, written to the store in batches) and queued timeline events.
// Thread-safe; knows nothing of sockets.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "onboard/cloud/device/device_link.hpp"
#include "onboard/cloud/device/event_feed.hpp"
#include "onboard/cloud/store/store.hpp"

namespace onboard::cloud {

class Hub {
 public:
  explicit Hub(Store& store) : store_(store) {}

  // Makes link the device's connection; returns the one it replaces, if any.
  std::shared_ptr<DeviceLink> attach(Id device_id, const std::shared_ptr<DeviceLink>& link);
  // Forgets link if it is still the device's connection; returns whether it was.
  bool detach(Id device_id, const DeviceLink* link);
  bool online(Id device_id) const;
  std::shared_ptr<DeviceLink> link(Id device_id) const;
  std::size_t online_count() const;

  // Last values per pin ("V5").
  void set_pin(Id device_id, const std::string& pin, const std::string& value);
  std::optional<std::string> pin(Id device_id, const std::string& pin);
  std::map<std::string, std::string> pins(Id device_id);
  // Forgets the device's pins (memory and queue); the caller clears the store.
  void forget(Id device_id);

  // Timeline events that may wait for the next flush (online, offline, device events).
  void queue_event(Id device_id, TimelineEvent event);

  // Writes queued pin values and events to the store.
  void flush();

  // Online, offline and timeline events as they happen (the console's live view).
  EventFeed& feed() { return feed_; }

 private:
  std::unordered_map<std::string, std::string>& cached_locked(Id device_id);

  Store& store_;
  mutable std::mutex links_mutex_;
  std::unordered_map<Id, std::shared_ptr<DeviceLink>> links_;

  std::mutex data_mutex_;
  std::unordered_map<Id, std::unordered_map<std::string, std::string>> pins_;
  std::map<std::pair<Id, std::string>, std::string> dirty_pins_;
  std::vector<std::pair<Id, TimelineEvent>> events_;
  std::mutex flush_mutex_;  // one flush at a time, so batches reach the store in order
  EventFeed feed_;
};

}  // namespace onboard::cloud
