// Commands for a device whose connection another node holds: sent to that node through
// the bus and answered by it, or answered here with 503 and a reason when it cannot be
// reached in time. Also "drop this device's connection" for a login on another node.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "onboard/cloud/cluster/redis_bus.hpp"
#include "onboard/cloud/device/remote_devices.hpp"
#include "onboard/cloud/domain/types.hpp"

namespace onboard::cloud {

using RelayAnswer = CommandAnswer;

class Relay {
 public:
  // Runs on the bus's thread for each command addressed to this node; must not block.
  using Handler = std::function<RelayAnswer(const DeviceCommand&)>;

  Relay(RedisAddress address, std::string node_id, Handler handler,
        std::chrono::milliseconds timeout = std::chrono::seconds(2), RedisBus::StateHandler on_state = {});
  ~Relay();

  void start() { bus_.start(); }
  void stop() { bus_.stop(); }
  bool listening() const { return bus_.listening(); }

  // Blocks up to the timeout (call it from store/blocking threads, not io threads).
  RelayAnswer send(const std::string& node, const DeviceCommand& command);
  // Fire and forget (a drop after a login elsewhere): false when nobody took it.
  bool notify(const std::string& node, const DeviceCommand& command);

  RedisBus& bus() { return bus_; }

 private:
  void on_message(const std::string& payload);

  struct Pending {
    bool done = false;
    RelayAnswer answer;
  };
  std::string node_id_;
  Handler handler_;
  std::chrono::milliseconds timeout_;
  std::mutex mutex_;
  std::condition_variable answered_;
  std::map<long long, std::shared_ptr<Pending>> pending_;
  long long next_id_ = 1;
  RedisBus bus_;  // last: its thread stops before the members it uses go
};

}  // namespace onboard::cloud
