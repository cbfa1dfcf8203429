#include "onboard/cloud/device/hub.hpp"

#include <set>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "onboard/protocol/blynk/frame.hpp"

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
  if (remote_ != nullptr) remote_->attached(device_id);
  return previous;
}

bool Hub::detach(Id device_id, const DeviceLink* link) {
  {
    std::lock_guard lock(links_mutex_);
    auto it = links_.find(device_id);
    if (it == links_.end() || it->second.get() != link) return false;
    links_.erase(it);
  }
  if (remote_ != nullptr) {
    remote_->detached(device_id);
    // Another node may hold the device next and change its pins: read them anew if it returns.
    std::lock_guard lock(data_mutex_);
    pins_.erase(device_id);
  }
  feed_.publish(LiveEvent{LiveEvent::Kind::Offline, device_id, now_ms(), {}});
  return true;
}

bool Hub::online(Id device_id) const {
  return online_among({device_id}).count(device_id) != 0;
}

std::set<Id> Hub::online_among(const std::vector<Id>& devices) const {
  std::set<Id> out;
  std::vector<Id> elsewhere;
  {
    std::lock_guard lock(links_mutex_);
    for (Id d : devices) {
      if (links_.count(d) != 0) {
        out.insert(d);
      } else {
        elsewhere.push_back(d);
      }
    }
  }
  if (remote_ != nullptr && !elsewhere.empty()) {
    // Redis down: only what this node holds is known; the others show offline meanwhile.
    if (auto remote = remote_->online_elsewhere(elsewhere)) out.insert(remote->begin(), remote->end());
  }
  return out;
}

std::vector<Id> Hub::local_devices() const {
  std::lock_guard lock(links_mutex_);
  std::vector<Id> out;
  out.reserve(links_.size());
  for (const auto& [id, link] : links_) out.push_back(id);
  return out;
}

CommandAnswer Hub::send(const DeviceCommand& command) {
  auto answer = deliver_here(command);
  if (answer.status != 404 || remote_ == nullptr) return answer;
  return remote_->send(command);
}

CommandAnswer Hub::deliver_here(const DeviceCommand& command) {
  auto connection = link(command.device);
  if (!connection) return CommandAnswer{404, "the device is not connected"};
  if (command.kind == kDrop) {
    if (detach(command.device, connection.get())) connection->kick(command.body);
    return CommandAnswer{200, ""};
  }
  if (command.kind == kInternal) {
    connection->push_internal(command.body);
    return CommandAnswer{200, ""};
  }
  if (command.kind != kHardware) return CommandAnswer{400, "unknown command '" + command.kind + "'"};
  const std::size_t size = blynk::kHeaderSize + command.body.size();
  if (size > connection->receive_limit()) {
    return CommandAnswer{413, fmt::format("a {}-byte message; the device accepts at most {} (its buff-in)",
                                          size, connection->receive_limit())};
  }
  // A value written through another node ("vw\0" pin "\0" value): this node's copy follows
  // (that node has stored it already).
  if (remote_ != nullptr && command.body.rfind(std::string("vw\0", 3), 0) == 0) {
    const auto end = command.body.find('\0', 3);
    if (end != std::string::npos) {
      std::lock_guard lock(data_mutex_);
      if (auto it = pins_.find(command.device); it != pins_.end())
        it->second["V" + command.body.substr(3, end - 3)] = command.body.substr(end + 1);
    }
  }
  connection->push_hardware(command.body);
  return CommandAnswer{200, ""};
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

void Hub::merge_unflushed_locked(Id device_id, std::unordered_map<std::string, std::string>& cache) {
  for (auto d = dirty_pins_.lower_bound({device_id, std::string()});
       d != dirty_pins_.end() && d->first.first == device_id; ++d) {
    cache[d->first.second] = d->second;
  }
}

StoreResult<std::unordered_map<std::string, std::string>*> Hub::cached_locked(Id device_id) {
  // Caller holds flush_mutex_ (not data_mutex_): the store is read without the data lock.
  {
    std::lock_guard lock(data_mutex_);
    if (auto it = pins_.find(device_id); it != pins_.end()) return &it->second;
  }
  auto stored = store_.read([&](Records& r) { return r.pins_of_device(device_id); });
  if (!stored) return stored.error();
  std::lock_guard lock(data_mutex_);
  auto [it, inserted] = pins_.try_emplace(device_id);
  if (inserted) {
    for (auto& [pin, value] : *stored) it->second[pin] = std::move(value);
    merge_unflushed_locked(device_id, it->second);  // newer than the store's
  }
  return &it->second;
}

StoreStatus Hub::warm(Id device_id) {
  std::lock_guard flushing(flush_mutex_);
  auto cache = cached_locked(device_id);
  if (!cache) return cache.error();
  return done();
}

StoreStatus Hub::warm_new(Id device_id) {
  // In a cluster another node's REST call may store a pin of the new device
  // before this node holds its cache: read as for any device.
  if (remote_ != nullptr) return warm(device_id);
  std::lock_guard flushing(flush_mutex_);
  std::lock_guard lock(data_mutex_);
  auto [it, inserted] = pins_.try_emplace(device_id);
  if (inserted) merge_unflushed_locked(device_id, it->second);
  return done();
}

bool Hub::set_pin(Id device_id, const std::string& pin, const std::string& value, std::size_t max_pins) {
  std::lock_guard lock(data_mutex_);
  if (auto it = pins_.find(device_id); it != pins_.end()) {
    auto& cache = it->second;
    if (cache.size() >= max_pins && cache.count(pin) == 0) return false;
    cache[pin] = value;
  } else if (remote_ != nullptr) {
    // Not held here: the caller stored it, and queuing it again could overwrite a newer
    // value the holding node flushes meanwhile.
    return true;
  }
  dirty_pins_[{device_id, pin}] = value;
  return true;
}

StoreResult<std::optional<std::string>> Hub::pin(Id device_id, const std::string& pin) {
  auto all = pins(device_id);
  if (!all) return all.error();
  auto it = all->find(pin);
  if (it == all->end()) return std::optional<std::string>();
  return std::optional<std::string>(it->second);
}

StoreResult<std::map<std::string, std::string>> Hub::pins(Id device_id) {
  {
    std::lock_guard lock(data_mutex_);
    if (auto it = pins_.find(device_id); it != pins_.end())
      return std::map(it->second.begin(), it->second.end());
  }
  if (remote_ != nullptr && !link(device_id)) {
    // Held by another node or by none: the store has its values (up to a flush behind the
    // holding node's); not kept here, where nothing would keep them current.
    auto stored = store_.read([&](Records& r) { return r.pins_of_device(device_id); });
    if (!stored) return stored.error();
    return std::map<std::string, std::string>(stored->begin(), stored->end());
  }
  std::lock_guard flushing(flush_mutex_);
  auto cache = cached_locked(device_id);
  if (!cache) return cache.error();
  std::lock_guard lock(data_mutex_);
  return std::map((*cache)->begin(), (*cache)->end());
}

std::size_t Hub::pin_count(Id device_id) {
  std::lock_guard lock(data_mutex_);
  auto it = pins_.find(device_id);
  return it == pins_.end() ? 0 : it->second.size();
}

void Hub::forget(Id device_id, bool deleted) {
  std::lock_guard lock(data_mutex_);
  if (deleted) {
    pins_.erase(device_id);
    last_seen_.erase(device_id);
  } else {
    pins_[device_id].clear();  // known empty: no store read needed later
  }
  for (auto it = dirty_pins_.lower_bound({device_id, std::string()});
       it != dirty_pins_.end() && it->first.first == device_id;) {
    it = dirty_pins_.erase(it);
  }
  std::erase_if(events_, [&](const auto& e) { return e.first == device_id; });
}

void Hub::queue_event(Id device_id, TimelineEvent event) {
  feed_.publish(LiveEvent{LiveEvent::Kind::Timeline, device_id, event.ts, event});
  std::lock_guard lock(data_mutex_);
  if (events_.size() >= limits_.max_queued_events) {
    // The store has failed for long: keep memory bounded, and say so.
    spdlog::error("timeline queue full ({} events): dropping the oldest queued event of device={}",
                  events_.size(), events_.front().first);
    events_.erase(events_.begin());
  }
  events_.emplace_back(device_id, std::move(event));
}

void Hub::queue_last_seen(Id device_id, Millis ts) {
  std::lock_guard lock(data_mutex_);
  auto& slot = last_seen_[device_id];
  slot = std::max(slot, ts);
}

bool Hub::pending() const {
  std::lock_guard lock(data_mutex_);
  return !dirty_pins_.empty() || !events_.empty() || !last_seen_.empty();
}

StoreStatus Hub::flush() {
  std::lock_guard flushing(flush_mutex_);
  std::map<std::pair<Id, std::string>, std::string> pins;
  std::vector<std::pair<Id, TimelineEvent>> events;
  std::map<Id, Millis> seen;
  {
    std::lock_guard lock(data_mutex_);
    pins.swap(dirty_pins_);
    events.swap(events_);
    seen.swap(last_seen_);
  }
  if (pins.empty() && events.empty() && seen.empty()) return done();
  const int keep = limits_.timeline_keep;
  auto status = store_.run(Store::Access::Write, [&](Records& r) -> StoreStatus {
    for (const auto& [key, value] : pins) {
      if (auto s = r.upsert_pin(PinValue{key.first, key.second, value}); !s) return s;
    }
    std::set<Id> logged;
    for (const auto& [device_id, e] : events) {
      if (auto s = r.insert_event(device_id, e); !s) return s;
      logged.insert(device_id);
    }
    for (Id device_id : logged) {
      if (auto s = r.trim_events(device_id, keep); !s) return s;
    }
    for (const auto& [device_id, ts] : seen) {
      if (auto s = r.update_device_last_seen(device_id, ts); !s) return s;
    }
    return done();
  });
  if (status) {
    if (failing_) spdlog::warn("flush works again: queued pin values and events are stored");
    failing_ = false;
    return status;
  }
  const auto queued_pins = pins.size();
  const auto queued_events = events.size();
  // Back in the queue, behind nothing: newer values set meanwhile win, older events go first.
  {
    std::lock_guard lock(data_mutex_);
    for (auto& [key, value] : pins) dirty_pins_.try_emplace(key, std::move(value));
    events.insert(events.end(), std::make_move_iterator(events_.begin()),
                  std::make_move_iterator(events_.end()));
    events_.swap(events);
    for (auto& [device_id, ts] : seen) {
      auto& slot = last_seen_[device_id];
      slot = std::max(slot, ts);
    }
  }
  if (!failing_) {
    spdlog::error("flush failed ({}): {}; {} pin values and {} events stay queued and are retried",
                  to_string(status.error().kind), status.error().message, queued_pins, queued_events);
  }
  failing_ = true;
  return status;
}

}  // namespace onboard::cloud
