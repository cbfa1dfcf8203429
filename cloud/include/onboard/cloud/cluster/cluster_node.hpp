// This node as one of several sharing PostgreSQL: tells Redis which devices it holds
// (claims made from its own thread, so io threads never wait on Redis), keeps itself
// marked alive, answers commands other nodes send for its devices, and sends the
// hub's commands for devices held elsewhere.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "onboard/cloud/cluster/presence.hpp"
#include "onboard/cloud/cluster/redis_bus.hpp"
#include "onboard/cloud/cluster/relay.hpp"
#include "onboard/cloud/device/hub.hpp"

namespace onboard::cloud {

struct ClusterSettings {
  std::string node_id;
  RedisAddress redis;
  // A dead node's devices show offline everywhere after at most this long.
  std::chrono::milliseconds alive_for{10'000};
  std::chrono::milliseconds command_timeout{2'000};
};

class ClusterNode final : public RemoteDevices {
 public:
  ClusterNode(Hub& hub, ClusterSettings settings);
  ~ClusterNode() override;
  ClusterNode(const ClusterNode&) = delete;
  ClusterNode& operator=(const ClusterNode&) = delete;

  // Registers with the hub and starts the threads; stop() before the hub goes.
  void start();
  void stop();

  void attached(Id device) override;
  void detached(Id device) override;
  std::optional<std::set<Id>> online_elsewhere(const std::vector<Id>& devices) override;
  CommandAnswer send(const DeviceCommand& command) override;

 private:
  // A command another node sent for a device connected here.
  CommandAnswer deliver(const DeviceCommand& command);
  void loop();
  // Claims or releases each device marked; false when Redis failed (the rest stay marked).
  bool sync_marked(std::unique_lock<std::mutex>& lock);

  Hub& hub_;
  ClusterSettings settings_;
  RedisConnection writer_;  // the node's thread: beats, claims, releases
  RedisConnection reader_;  // HTTP threads: who holds what
  Presence writes_;
  Presence reads_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::map<Id, bool> marked_;  // devices whose claim changed here; true: tell the previous holder to drop it
  std::unordered_map<Id, std::int64_t> logged_in_ms_;  // when each device connected here logged in
  bool stopping_ = false;
  std::thread thread_;
  Relay relay_;  // last: its thread calls into the hub until stop()
};

}  // namespace onboard::cloud
