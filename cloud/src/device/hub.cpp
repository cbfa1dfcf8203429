#include "onboard/cloud/device/hub.hpp"

#include <spdlog/spdlog.h>

namespace onboard::cloud {

std::shared_ptr<DeviceLink> Hub::attach(Id device_id, const std::shared_ptr<DeviceLink>& link) {
  std::shared_ptr<DeviceLink> previous;
  {
    std::lock_guard lock(links_mutex_);
    auto& slot = links_[device_id];
    previous = std::move(slot);
    slot = link;
  }
  if (!previous) feed_.publish(LiveEvent{LiveEvent::Kind::Online, device_id, now_ms(), {}});
  return previous;
}

bool Hub::detach(Id device_id, const DeviceLink* link) {
  {
    std::lock_guard lock(links_mutex_);
    auto it = links_.find(device_id);
    if (it == links_.end() || it->second.get() != link) return false;
    links_.erase(it);
  }
  feed_.publish(LiveEvent{LiveEvent::Kind::Offline, device_id, now_ms(), {}});
  return true;
}

bool Hub::online(Id device_id) const {
  std::lock_guard lock(links_mutex_);
  return links_.count(device_id) != 0;
}

std::shared_ptr<DeviceLink> Hub::link(Id device_id) const {
  std::lock_guard lock(links_mutex_);
  auto it = links_.find(device_id);
  return it == links_.end() ? nullptr : it->second;
}

std::size_t Hub::online_count() const {
  std::lock_guard lock(links_mutex_);
  return links_.size();
}

std::unordered_map<std::string, std::string>& Hub::cached_locked(Id device_id) {
  auto it = pins_.find(device_id);
  if (it != pins_.end()) return it->second;
  auto& cache = pins_[device_id];
  for (auto& [pin, value] : store_.load_pins(device_id)) cache[pin] = value;
  return cache;
}

void Hub::set_pin(Id device_id, const std::string& pin, const std::string& value) {
  std::lock_guard lock(data_mutex_);
  cached_locked(device_id)[pin] = value;
  dirty_pins_[{device_id, pin}] = value;
}

std::optional<std::string> Hub::pin(Id device_id, const std::string& pin) {
  std::lock_guard lock(data_mutex_);
  auto& cache = cached_locked(device_id);
  auto it = cache.find(pin);
  if (it == cache.end()) return std::nullopt;
  return it->second;
}

std::map<std::string, std::string> Hub::pins(Id device_id) {
  std::lock_guard lock(data_mutex_);
  auto& cache = cached_locked(device_id);
  return {cache.begin(), cache.end()};
}

void Hub::forget(Id device_id) {
  std::lock_guard lock(data_mutex_);
  pins_.erase(device_id);
  for (auto it = dirty_pins_.lower_bound({device_id, std::string()});
       it != dirty_pins_.end() && it->first.first == device_id;) {
    it = dirty_pins_.erase(it);
  }
  std::erase_if(events_, [&](const auto& e) { return e.first == device_id; });
}

void Hub::queue_event(Id device_id, TimelineEvent event) {
  feed_.publish(LiveEvent{LiveEvent::Kind::Timeline, device_id, event.ts, event});
  std::lock_guard lock(data_mutex_);
  events_.emplace_back(device_id, std::move(event));
}

void Hub::flush() {
  std::lock_guard flushing(flush_mutex_);
  std::vector<PinValue> pins;
  std::vector<std::pair<Id, TimelineEvent>> events;
  {
    std::lock_guard lock(data_mutex_);
    pins.reserve(dirty_pins_.size());
    for (auto& [key, value] : dirty_pins_) pins.push_back(PinValue{key.first, key.second, std::move(value)});
    dirty_pins_.clear();
    events.swap(events_);
  }
  try {
    store_.save_pins(pins);
    store_.add_events(events);
  } catch (const StoreError& e) {
    spdlog::error("flush failed: {} ({} pin values, {} events lost)", e.what(), pins.size(), events.size());
  }
}

}  // namespace onboard::cloud
