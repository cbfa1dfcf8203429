// The provisioning state machine: joining a network and logging in with the saved or a
// new configuration, backoff retries, try-before-commit with rollback, and reset. It
// drives the station side of the radio, the store and the cloud session; what the device
// does around it (access point, indicator, sketch callbacks) it learns through events.
#pragma once

#include <cstddef>
#include <cstdint>

#include "onboard/device/capacities.hpp"
#include "onboard/device/cloud_client.hpp"
#include "onboard/device/config_store.hpp"
#include "onboard/device/hal/hal.hpp"
#include "onboard/device/log.hpp"
#include "onboard/device/network_config.hpp"
#include "onboard/device/settings.hpp"
#include "onboard/device/state.hpp"
#include "onboard/protocol/setup/config_request.hpp"
#include "onboard/protocol/setup/connect_status.hpp"
#include "onboard/protocol/setup/reason.hpp"

namespace onboard::device {

// The last scan, strongest first; provisioning reads it to tell why a network was not found.
struct ScanList {
  hal::ScanResult entries[kScanEntries];
  std::size_t count = 0;
};

class ProvisioningEvents {
 public:
  // ConnectingNet, ConnectingCloud, Running, WaitConfig (after a failed try, a refused token).
  virtual void on_state(State next) = 0;
  // Online. `committed`: a new configuration just proved itself and was saved.
  virtual void on_online(bool committed) = 0;
  // A working session was lost (retrying follows).
  virtual void on_offline() = 0;
  // The cloud refused the saved token: only setup can help (the access point must open).
  virtual void on_setup_needed() = 0;

 protected:
  ~ProvisioningEvents() = default;
};

class Provisioning {
 public:
  enum class Boot : std::uint8_t { connecting, needs_setup };
  enum class Accepted : std::uint8_t { trying, saved, storage_failed };

  Provisioning(const Settings& settings, const hal::Hal& hal, Log& log, ConfigStore& store,
               CloudClient& cloud, const ScanList& scan, CloudListener& cloud_events,
               ProvisioningEvents& events)
      : settings_(settings),
        hal_(hal),
        log_(log),
        store_(store),
        cloud_(cloud),
        scan_(scan),
        cloud_events_(cloud_events),
        events_(events) {}

  // Loads the saved configuration and starts on it, unless there is none (or its token
  // was refused): then the device needs setup.
  Boot begin(std::uint64_t now);
  void poll(std::uint64_t now);
  // A new configuration from /config: tried before it is committed, or with `save`
  // committed at once (Edgent).
  Accepted accept(const setup::ConfigRequest& request, std::uint64_t now);
  // Setup mode by hand: stop trying, keep what is saved.
  void pause();
  // Erases the saved configuration and forgets every attempt.
  void erase();
  // The setup API refused a /config.
  void note_invalid_config() { last_reason_ = setup::Reason::invalid_config; }

  // Earliest time poll() has timed work (UINT64_MAX: none); busy() wants frequent polls.
  std::uint64_t next_deadline() const;
  bool busy() const { return link_ == Link::Joining; }

  const NetworkConfig& saved() const { return stored_; }
  bool has_saved() const { return has_stored_; }
  bool trying() const { return trying_; }
  bool online() const { return link_ == Link::Online; }
  // Since when the device has been without the cloud (boot, or the last loss).
  std::uint64_t offline_since() const { return offline_since_; }
  setup::ConnectStatus connect_status() const { return {try_state_, try_reason_}; }
  setup::Reason last_reason() const { return last_reason_; }

 private:
  enum class Link : std::uint8_t { Idle, Joining, Cloud, Online, Waiting };

  void start_attempt(std::uint64_t now);
  void succeeded(std::uint64_t now);
  void failed(std::uint64_t now, setup::Reason reason);
  void went_offline(std::uint64_t now, setup::Reason reason);
  void schedule_retry(std::uint64_t now);
  setup::Reason reason_for_join(hal::LinkFailure failure) const;
  const NetworkConfig& active() const { return trying_ ? candidate_ : stored_; }

  const Settings& settings_;
  const hal::Hal& hal_;
  Log& log_;
  ConfigStore& store_;
  CloudClient& cloud_;
  const ScanList& scan_;
  CloudListener& cloud_events_;
  ProvisioningEvents& events_;

  NetworkConfig stored_;  // the committed configuration
  bool has_stored_ = false;
  NetworkConfig candidate_;  // on trial from /config
  bool trying_ = false;
  setup::ConnectState try_state_ = setup::ConnectState::idle;
  setup::Reason try_reason_ = setup::Reason::none;
  setup::Reason last_reason_ = setup::Reason::none;

  Link link_ = Link::Idle;
  std::uint64_t deadline_ = 0;  // of the current join
  std::uint64_t retry_at_ = 0;  // Link::Waiting: next attempt
  std::uint32_t backoff_ms_ = 0;
  std::uint64_t offline_since_ = 0;
};

}  // namespace onboard::device
