// The live side of devices: which device is connected where, last pin values
// (in memory, written to the store in batches) and queued timeline events and
// last-seen times. Thread-safe; knows nothing of sockets. Values a flush could
// not write stay queued and go with the next flush: nothing is dropped silently.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "onboard/cloud/device/device_link.hpp"
#include "onboard/cloud/device/event_feed.hpp"
#include "onboard/cloud/device/remote_devices.hpp"
#include "onboard/cloud/store/store.hpp"

namespace onboard::cloud {

struct HubLimits {
  int timeline_keep = 1000;                 // events kept per device (older ones trimmed at flush)
  std::size_t max_queued_events = 100'000;  // beyond this, the oldest queued events are dropped (logged)
};

class Hub {
 public:
  explicit Hub(Store& store, HubLimits limits = {}) : store_(store), limits_(limits) {}

  // Makes link the device's connection; returns the one it replaces, if any.
  std::shared_ptr<DeviceLink> attach(Id device_id, const std::shared_ptr<DeviceLink>& link);
  // Forgets link if it is still the device's connection; returns whether it was.
  bool detach(Id device_id, const DeviceLink* link);
  // Connected here or, in a cluster, to another node (blocking then: not on io threads).
  bool online(Id device_id) const;
  // The devices among these connected to any node (this one only when Redis is down).
  std::set<Id> online_among(const std::vector<Id>& devices) const;
  std::shared_ptr<DeviceLink> link(Id device_id) const;
  std::size_t online_count() const;
  std::vector<Id> local_devices() const;

  // The one way to reach a device's connection (HTTP update, reconfigure, delete's drop,
  // OTA): delivered here when the device is connected here, else through the cluster.
  // Blocking when it goes to another node: call it from HTTP or store threads.
  CommandAnswer send(const DeviceCommand& command);
  // Delivers to a connection of this node only (what the cluster does for another node).
  CommandAnswer deliver_here(const DeviceCommand& command);
  // Several nodes: set once before serving; devices attached and detached are told to it.
  void set_remote(RemoteDevices* remote) { remote_ = remote; }
  bool clustered() const { return remote_ != nullptr; }

  // Loads the device's stored pins into memory (a store call: on the store
  // executor, at login), so a device session's pin calls never reach the store.
  StoreStatus warm(Id device_id);
  // warm() for a device created a moment ago: nothing stored to read, so no
  // store call (a read per activation), unless another node may have stored pins.
  StoreStatus warm_new(Id device_id);
  // Last values per pin ("V5"). set_pin never touches the store; pin()/pins()
  // read it once for a device not yet in memory.
  // False (nothing kept) when the device has max_pins pins in memory and this is a new one.
  bool set_pin(Id device_id, const std::string& pin, const std::string& value,
               std::size_t max_pins = static_cast<std::size_t>(-1));
  StoreResult<std::optional<std::string>> pin(Id device_id, const std::string& pin);
  StoreResult<std::map<std::string, std::string>> pins(Id device_id);
  // How many pins the device has in memory (after warm()).
  std::size_t pin_count(Id device_id);
  // Forgets the device's pins and queued data (erase: it keeps an empty set; delete: nothing).
  void forget(Id device_id, bool deleted);

  // Timeline events and last-seen times that may wait for the next flush.
  void queue_event(Id device_id, TimelineEvent event);
  void queue_last_seen(Id device_id, Millis ts);

  // Writes queued pin values, events and last-seen times in one transaction;
  // on failure they stay queued (newer values win) for the next flush.
  StoreStatus flush();
  bool pending() const;

  // Online, offline and timeline events as they happen (the console's live view).
  EventFeed& feed() { return feed_; }

 private:
  StoreResult<std::unordered_map<std::string, std::string>*> cached_locked(Id device_id);
  // Pin values set but not flushed yet (caller holds data_mutex_).
  void merge_unflushed_locked(Id device_id, std::unordered_map<std::string, std::string>& cache);

  Store& store_;
  HubLimits limits_;
  RemoteDevices* remote_ = nullptr;
  mutable std::mutex links_mutex_;
  std::unordered_map<Id, std::shared_ptr<DeviceLink>> links_;

  mutable std::mutex data_mutex_;
  std::unordered_map<Id, std::unordered_map<std::string, std::string>> pins_;
  std::map<std::pair<Id, std::string>, std::string> dirty_pins_;
  std::vector<std::pair<Id, TimelineEvent>> events_;
  std::map<Id, Millis> last_seen_;
  // One flush at a time, so batches reach the store in order; also held while
  // a device's pins are loaded, so no flush lands between the load and the overlay.
  std::mutex flush_mutex_;
  bool failing_ = false;  // under flush_mutex_: log a failure streak once, and its end
  EventFeed feed_;
};

}  // namespace onboard::cloud
