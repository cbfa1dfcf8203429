// A unit outside the core that rides on its cloud session (the OTA updater): the core
// hands it the INTERNAL messages it does not handle itself and polls it from run().
#pragma once

#include <cstdint>
#include <string_view>

namespace onboard::device {

// The core's side, for the extension.
class CoreLink {
 public:
  virtual bool cloud_ready() const = 0;
  // An INTERNAL message to the cloud; false when not logged in or the queue is full.
  virtual bool send_internal(std::string_view body) = 0;
  // Ends the cloud session and the AP, then hal::System::restart().
  virtual void restart() = 0;

 protected:
  ~CoreLink() = default;
};

class CoreExtension {
 public:
  // An INTERNAL body the core does not handle itself ("ota\0<url>").
  virtual void on_internal(std::string_view body, std::uint64_t now) = 0;
  // The cloud session logged in (each time it does).
  virtual void on_cloud_ready(std::uint64_t now) = 0;
  virtual void poll(std::uint64_t now, CoreLink& core) = 0;
  // When poll() has timed work next; ~0 when none.
  virtual std::uint64_t next_wakeup_ms(std::uint64_t now) const = 0;

 protected:
  ~CoreExtension() = default;
};

}  // namespace onboard::device
