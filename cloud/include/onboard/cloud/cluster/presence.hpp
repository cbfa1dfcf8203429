// Which node holds each device's connection, kept in Redis so that every node answers the
// same: a device is online when its key names a node that is alive. A node proves it is
// alive by refreshing one key (not one per device); when it dies the key expires, and
// within that time all its devices show offline everywhere.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "onboard/cloud/cluster/redis_bus.hpp"
#include "onboard/cloud/domain/types.hpp"

namespace onboard::cloud {

class Presence {
 public:
  // `alive_for`: how long a node counts as alive after its last beat (at most the
  // devices' heartbeat timeout); beat() must run more often than that.
  Presence(RedisConnection& redis, std::string node_id, std::chrono::milliseconds alive_for);

  // Refreshes this node's alive key; false when Redis cannot be reached.
  bool beat();
  // The same, telling whether the key was still there: false when it had expired or Redis
  // lost it (restarted), so this node's claims may be gone too and must be made again.
  // nullopt: Redis cannot be reached.
  std::optional<bool> renew();
  // Records that this node holds the device now; answers the node that held it before
  // (empty: none, or it was this one), so that node can be told to drop its connection.
  // nullopt: Redis cannot be reached.
  std::optional<std::string> claim(Id device);
  // Forgets the device unless another node claimed it since.
  bool release(Id device);
  // The alive node holding each device (absent: offline). nullopt: Redis cannot be reached.
  std::optional<std::map<Id, std::string>> holders(const std::vector<Id>& devices);
  std::optional<std::string> holder(Id device);

  const std::string& node_id() const { return node_id_; }

 private:
  RedisConnection& redis_;
  std::string node_id_;
  std::chrono::milliseconds alive_for_;
};

}  // namespace onboard::cloud
