// The one storage interface of the cloud. SQLite implements it today; the SQL
// is kept portable so a PostgreSQL implementation can follow. Every method is
// thread-safe and atomic. Unexpected storage failures throw StoreError.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "onboard/cloud/domain/types.hpp"

namespace onboard::cloud {

struct StoreError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What activate() did, decided inside one transaction.
struct ActivationOutcome {
  enum class Kind {
    Activated,         // device created (or reconfigured) and session activated now
    AlreadyActivated,  // someone else won the race: the device exists, log it in
    Refused            // session expired, failed or unknown
  };
  Kind kind = Kind::Refused;
  Device device;
  ProvisioningState state = ProvisioningState::Failed;
};

struct ActivationRequest {
  std::string token_hash;
  // The template's name; the store adds " 2", " 3"... when taken. Empty: the
  // store reads the session's template name itself, inside the activation's
  // transaction (one store round trip fewer per activation).
  std::string base_name;
  Millis now = 0;
  std::string event_description;  // "activated" event text
  bool warn_missing_template = false;
};

// What a device's login token names.
struct LoginLookup {
  std::optional<Device> device;                // an activated device's token
  std::optional<ProvisioningSession> session;  // else a provisioning token, in its state after the login
};

class Store {
 public:
  virtual ~Store() = default;

  // Organizations and users.
  virtual Id find_or_create_org(const std::string& name) = 0;
  // nullopt when the email is taken.
  virtual std::optional<User> create_user(Id org_id, const std::string& email,
                                          const std::string& password_hash, Role role) = 0;
  virtual std::optional<User> find_user_by_email(const std::string& email) = 0;
  virtual std::optional<User> find_user(Id id) = 0;

  // Bearer sessions of signed-in users (stored by hash).
  virtual void create_auth_session(const std::string& hash, Id user_id, Millis expires_at) = 0;
  virtual std::optional<Id> find_auth_session(const std::string& hash, Millis now) = 0;

  // Templates.
  virtual void create_template(const Template& t) = 0;
  virtual std::vector<Template> list_templates(Id org_id) = 0;
  virtual std::optional<Template> find_template(const std::string& id) = 0;

  // Provisioning sessions.
  virtual Id create_provisioning(const ProvisioningSession& s) = 0;
  virtual std::optional<ProvisioningSession> find_provisioning(Id id) = 0;
  virtual std::optional<ProvisioningSession> find_provisioning_by_token(const std::string& token_hash) = 0;
  // Moves a session to `to` only when it is in pending or connected; returns whether it moved.
  virtual bool advance_provisioning(Id id, ProvisioningState to, const std::string& reason) = 0;
  virtual ActivationOutcome activate(const ActivationRequest& request) = 0;
  // A login with `token_hash`: the device, or else the provisioning session,
  // moved in the same transaction from pending to connected, or to expired
  // when `now` is past its expiry. Neither: an unknown token.
  virtual LoginLookup look_up_login(const std::string& token_hash, Millis now) = 0;
  virtual std::map<std::string, long> count_provisioning_by_state() = 0;

  // Devices.
  virtual std::optional<Device> find_device(Id id) = 0;
  virtual std::optional<Device> find_device_by_token(const std::string& token_hash) = 0;
  // owner == nullopt: every device of the org.
  virtual std::vector<Device> list_devices(Id org_id, std::optional<Id> owner) = 0;
  virtual void rename_device(Id id, const std::string& name) = 0;
  // Deletes the device (its token stops working) and fails its open sessions.
  virtual void delete_device(Id id) = 0;
  virtual void set_device_firmware(Id id, const std::string& firmware) = 0;
  virtual void set_device_last_seen(Id id, Millis ts) = 0;

  // Timeline (newest first) and device data.
  virtual void add_event(Id device_id, const TimelineEvent& e) = 0;
  // Many events in one transaction; events of deleted devices are skipped.
  virtual void add_events(const std::vector<std::pair<Id, TimelineEvent>>& events) = 0;
  virtual std::vector<TimelineEvent> list_events(Id device_id, int limit) = 0;
  virtual void erase_device_data(Id device_id) = 0;
  virtual void save_pins(const std::vector<PinValue>& pins) = 0;
  virtual std::map<std::string, std::string> load_pins(Id device_id) = 0;
  virtual void set_property(Id device_id, const std::string& pin, const std::string& name,
                            const std::string& value) = 0;
};

// Opens (creating if needed) `path` and brings its schema to the current version.
std::unique_ptr<Store> open_sqlite_store(const std::string& path);

}  // namespace onboard::cloud
