// The rules of a device's life: what a login token opens (a device, a
// reconfigure's replaced token rolling back, a provisioning session), how a
// session activates into a device (expiry, naming, timeline texts), renames
// and deletions. Each rule runs in one store transaction; errors as values.
#pragma once

#include <optional>
#include <string>

#include "onboard/cloud/clock.hpp"
#include "onboard/cloud/domain/device_names.hpp"
#include "onboard/cloud/store/store.hpp"

namespace onboard::cloud {

// How long the token a reconfigure replaced keeps logging in, at most, from
// the new token's first login (its activation), unless the device confirms
// sooner that it saved the new one.
inline constexpr Millis kReplacedTokenGraceMs = 10 * 60 * 1000;

// What a device's login token names.
struct LoginLookup {
  std::optional<Device> device;                // an activated device's token
  std::optional<ProvisioningSession> session;  // else a provisioning token, in its state after the login
  // Set when the token is the one a reconfigure replaced: it works until then.
  std::optional<Millis> replaced_token_until;
};

struct ActivationOutcome {
  enum class Kind {
    Activated,         // device created (or reconfigured) and session activated now
    AlreadyActivated,  // someone else won the race: the device exists, log it in
    Refused            // session expired, failed or unknown
  };
  Kind kind = Kind::Refused;
  Device device;
  ProvisioningState state = ProvisioningState::Failed;
  // A device created now: nothing else is stored for it yet (no pins), and the
  // report it activated with is saved.
  bool created = false;
};

// What the device's info said, saved by the activation itself so that a fresh
// device costs one write transaction, not one for the activation and one for its info.
struct ActivationReport {
  bool template_reported = false;  // else a warning event
  int heartbeat_s = 0;             // 0: not said
  std::string firmware;            // empty: not said
};

class Devices {
 public:
  Devices(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // A login with `token_hash`: the device, or else the provisioning session,
  // moved from pending to connected (or to expired when past its expiry).
  // Neither: an unknown token. The token a reconfigure replaced logs in as its
  // device until the deadline, and never touches the new token.
  StoreResult<LoginLookup> login(const std::string& token_hash);
  // The device says, on a connection that logged in with `token_hash`, that
  // it saved that token: the token a reconfigure replaced stops working now.
  // False when token_hash is not the device's token (e.g. the replaced one).
  StoreResult<bool> confirm_token_saved(Id device_id, const std::string& token_hash);
  // The device of the provisioning session whose token this is.
  StoreResult<ActivationOutcome> activate(const std::string& token_hash, const ActivationReport& report);
  StoreResult<ActivationOutcome> activate(const std::string& token_hash, bool template_reported) {
    return activate(token_hash, ActivationReport{template_reported, 0, {}});
  }
  // Fails a pending or connected session (e.g. "template_mismatch"); false when it was not open.
  StoreResult<bool> fail_session(Id session_id, const std::string& reason);

  // Stores a property; false (nothing changed) when it is new and the device has max_properties.
  StoreResult<bool> set_property(Id device_id, const std::string& pin, const std::string& name,
                                 const std::string& value, long max_properties);

  // Stores a metadata value; false (nothing changed) when the name is new and
  // the device has max_metadata names.
  StoreResult<bool> set_metadata(Id device_id, const std::string& name, const std::string& value,
                                 long max_metadata);

  // Conflict when another device of the org has the name.
  StoreStatus rename(const Device& device, const std::string& name);
  // The device, its data and its token go; its open reconfigure sessions fail.
  StoreStatus remove(const Device& device);

 private:
  StoreResult<ActivationOutcome> activate_once(const std::string& token_hash, const ActivationReport& report,
                                               std::optional<std::pair<Id, std::string>>& named);

  Store& store_;
  const Clock& clock_;
  DeviceNames names_;
};

}  // namespace onboard::cloud
