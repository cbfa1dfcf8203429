#include "onboard/cloud/cluster/cluster_node.hpp"

#include <spdlog/spdlog.h>

namespace onboard::cloud {

ClusterNode::ClusterNode(Hub& hub, ClusterSettings settings)
    : hub_(hub),
      settings_(std::move(settings)),
      writer_(settings_.redis),
      reader_(settings_.redis),
      writes_(writer_, settings_.node_id, settings_.alive_for),
      reads_(reader_, settings_.node_id, settings_.alive_for),
      relay_(
          settings_.redis, settings_.node_id,
          [this](const DeviceCommand& command) { return deliver(command); }, settings_.command_timeout) {}

ClusterNode::~ClusterNode() {
  stop();
}

void ClusterNode::start() {
  hub_.set_remote(this);
  relay_.start();
  thread_ = std::thread([this] { loop(); });
}

void ClusterNode::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  relay_.stop();
  // What this node held is gone with it: the other nodes see the devices offline now,
  // not after alive_for.
  for (Id device : hub_.local_devices()) writes_.release(device);
  writer_.command({"DEL", "onboard:alive:" + settings_.node_id});
}

void ClusterNode::attached(Id device) {
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  {
    std::lock_guard lock(mutex_);
    marked_[device] = true;
    logged_in_ms_[device] = now;
  }
  wake_.notify_one();
}

void ClusterNode::detached(Id device) {
  {
    std::lock_guard lock(mutex_);
    marked_.try_emplace(device, false);
  }
  wake_.notify_one();
}

std::optional<std::set<Id>> ClusterNode::online_elsewhere(const std::vector<Id>& devices) {
  auto holders = reads_.holders(devices);
  if (!holders) return std::nullopt;
  std::set<Id> out;
  // A key naming this node for a device not connected here is one not yet released.
  for (const auto& [device, node] : *holders)
    if (node != settings_.node_id) out.insert(device);
  return out;
}

CommandAnswer ClusterNode::deliver(const DeviceCommand& command) {
  if (command.kind == kDrop && command.login_ms != 0) {
    // A drop for a login on another node arrives after its claim, which may have been late:
    // when the connection here logged in after that login, it is the device's newest one and
    // stays, and this node claims the device again (the other node then drops its older one).
    std::lock_guard lock(mutex_);
    auto it = logged_in_ms_.find(command.device);
    if (it != logged_in_ms_.end() && it->second > command.login_ms && hub_.link(command.device)) {
      marked_[command.device] = true;
      wake_.notify_one();
      return CommandAnswer{200, "kept: the connection here logged in later"};
    }
  }
  return hub_.deliver_here(command);
}

CommandAnswer ClusterNode::send(const DeviceCommand& command) {
  auto holder = reads_.holder(command.device);
  if (!holder) return CommandAnswer{503, "the cluster's message bus (Redis) is unreachable"};
  if (holder->empty() || *holder == settings_.node_id)
    return CommandAnswer{404, "the device is not connected"};
  return relay_.send(*holder, command);
}

bool ClusterNode::sync_marked(std::unique_lock<std::mutex>& lock) {
  std::map<Id, bool> batch;
  batch.swap(marked_);
  lock.unlock();
  bool ok = true;
  while (!batch.empty()) {
    const auto [device, tell_previous] = *batch.begin();
    // The hub says what is true now, whatever the order of attach and detach calls was.
    if (hub_.link(device)) {
      auto previous = writes_.claim(device);
      if (!previous) {
        ok = false;
        break;
      }
      if (tell_previous && !previous->empty()) {
        // A login here with the token of a device connected there: that connection goes,
        // unless it logged in later than the one here (see deliver()).
        std::int64_t login_ms = 0;
        {
          std::lock_guard guard(mutex_);
          if (auto it = logged_in_ms_.find(device); it != logged_in_ms_.end()) login_ms = it->second;
        }
        relay_.notify(*previous, DeviceCommand{device, kDrop,
                                               "replaced by a login on node " + settings_.node_id, login_ms});
      }
    } else if (!writes_.release(device)) {
      ok = false;
      break;
    } else {
      std::lock_guard guard(mutex_);
      if (!hub_.link(device)) logged_in_ms_.erase(device);
    }
    batch.erase(batch.begin());
  }
  lock.lock();
  // What Redis did not take waits for it; marks made meanwhile are newer and win.
  for (auto& [device, tell] : batch) marked_.try_emplace(device, tell);
  return ok;
}

void ClusterNode::loop() {
  const auto beat_every = settings_.alive_for / 4;
  auto next_beat = std::chrono::steady_clock::now();
  bool reachable = true;
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (std::chrono::steady_clock::now() >= next_beat) {
      lock.unlock();
      const auto alive = writes_.renew();
      lock.lock();
      next_beat = std::chrono::steady_clock::now() + beat_every;
      if (!alive) {
        if (reachable) spdlog::warn("cluster: redis unreachable; serving this node's devices only");
        reachable = false;
      } else {
        if (!reachable || !*alive) {
          // Back after a failure, or Redis lost this node's keys (restarted, or this node
          // was away longer than alive_for): claim every device held here again.
          const auto held = hub_.local_devices();
          if (!reachable || !held.empty())
            spdlog::info("cluster: redis reachable; claiming this node's {} devices again", held.size());
          for (Id device : held) marked_.try_emplace(device, false);
        }
        reachable = true;
      }
    }
    if (reachable && !marked_.empty()) {
      if (!sync_marked(lock)) reachable = false;
      continue;
    }
    wake_.wait_until(lock, next_beat, [&] { return stopping_ || (reachable && !marked_.empty()); });
  }
}

}  // namespace onboard::cloud
