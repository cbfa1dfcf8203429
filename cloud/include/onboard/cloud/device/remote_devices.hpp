// Commands for a connected device, wherever its connection is: the hub delivers them
// itself when the device is connected to this node, and hands the rest to RemoteDevices
// (the cluster, through Redis) when several nodes share the devices.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "onboard/cloud/domain/types.hpp"

namespace onboard::cloud {

// What is asked of a device's connection.
struct DeviceCommand {
  Id device = 0;
  std::string kind;  // kHardware, kInternal or kDrop
  std::string body;  // the frame's body (hardware, internal) or the reason (drop)
  // A drop for a login elsewhere: when that login was (ms since the epoch). A connection that
  // logged in later stays (the drop is late); 0: drop whatever connection there is.
  std::int64_t login_ms = 0;
};
inline constexpr const char* kHardware = "hardware";  // a HARDWARE frame ("vw\0" "5\0" "42")
inline constexpr const char* kInternal =
    "internal";                               // an INTERNAL frame ("dbg\0" "config start", "ota\0" ...)
inline constexpr const char* kDrop = "drop";  // close the connection

// HTTP-like: 200 delivered to the connection, 404 the device is not connected anywhere,
// 413 the frame is larger than the device accepts, 503 the node holding it cannot be reached.
struct CommandAnswer {
  int status = 503;
  std::string reason;
};

// The other nodes' devices (implemented by cluster/cluster_node.hpp).
class RemoteDevices {
 public:
  virtual ~RemoteDevices() = default;
  // This node now holds / no longer holds the device's connection. Called on io threads:
  // must not block (the cluster records it in Redis from its own thread).
  virtual void attached(Id device) = 0;
  virtual void detached(Id device) = 0;
  // The devices among these connected to another node; nullopt when that cannot be told
  // (Redis down). Blocking: HTTP and store threads only.
  virtual std::optional<std::set<Id>> online_elsewhere(const std::vector<Id>& devices) = 0;
  // Sends the command to the node holding the device (blocking, bounded by a timeout).
  virtual CommandAnswer send(const DeviceCommand& command) = 0;
};

}  // namespace onboard::cloud
