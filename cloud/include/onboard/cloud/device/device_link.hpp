// What the rest of the cloud may ask of a connected device, from any thread.
// The network layer implements it; calls are queued onto the connection's thread.
#pragma once

#include <cstddef>
#include <string>

namespace onboard::cloud {

class DeviceLink {
 public:
  virtual ~DeviceLink() = default;
  // Sends HARDWARE with this body (e.g. "vw\0" "5\0" "42") when it fits the device's buffer.
  virtual void push_hardware(std::string body) = 0;
  // The largest frame (header included) the device accepts: its announced
  // buff-in, 256 until it has announced one. A larger one is never sent.
  virtual std::size_t receive_limit() const = 0;
  // Sends INTERNAL with this body (e.g. "dbg\0" "config start").
  virtual void push_internal(std::string body) = 0;
  // Closes the connection; reason goes to the log.
  virtual void kick(std::string reason) = 0;
};

}  // namespace onboard::cloud
