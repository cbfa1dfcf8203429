// The one storage interface of the cloud: record operations, run inside
// transactions. No rules live here (they are in domain/); SQLite implements
// it and PostgreSQL can, so the SQL behind it stays portable. Every failure
// comes back as a StoreFailure value; nothing throws across this boundary.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "onboard/cloud/domain/ota_types.hpp"
#include "onboard/cloud/domain/types.hpp"
#include "onboard/cloud/store/store_result.hpp"

namespace onboard::cloud {

struct ProvisioningFilter {
  std::optional<Id> requester;
  std::optional<std::string> template_id;
  int limit = 100;
};

struct DevicePage {
  std::vector<Device> devices;
  long total = 0;
};

// The records, as seen from inside one transaction. Lookups answer nullopt
// for a missing record; inserts answer Conflict when a unique key is taken.
// Writes to a device that no longer exists are skipped (not an error): its
// data went with it.
class Records {
 public:
  virtual ~Records() = default;

  // Organizations and users (emails unique across the server).
  virtual StoreResult<std::optional<Id>> org_by_name(const std::string& name) = 0;
  virtual StoreResult<Id> insert_org(const std::string& name) = 0;
  virtual StoreResult<User> insert_user(const User& user) = 0;  // id assigned
  virtual StoreResult<std::optional<User>> user_by_email(const std::string& email) = 0;
  virtual StoreResult<std::optional<User>> user_by_id(Id id) = 0;

  // Bearer sessions of signed-in users, by token hash.
  virtual StoreStatus insert_auth_session(const std::string& hash, Id user_id, Millis expires_at) = 0;
  // The user of a session that expires after `now`.
  virtual StoreResult<std::optional<Id>> auth_session_user(const std::string& hash, Millis now) = 0;
  virtual StoreResult<long> delete_auth_sessions_expired(Millis now) = 0;
  // Ends one session (sign-out); an unknown hash is not an error.
  virtual StoreStatus delete_auth_session(const std::string& hash) = 0;

  // Templates.
  virtual StoreStatus insert_template(const Template& t) = 0;
  virtual StoreResult<std::vector<Template>> templates_of_org(Id org_id) = 0;  // oldest first
  virtual StoreResult<std::optional<Template>> template_by_id(const std::string& id) = 0;

  // Provisioning sessions.
  virtual StoreResult<Id> insert_provisioning(const ProvisioningSession& s) = 0;
  virtual StoreResult<std::optional<ProvisioningSession>> provisioning_by_id(Id id) = 0;
  virtual StoreResult<std::optional<ProvisioningSession>> provisioning_by_token(const std::string& hash) = 0;
  // Sets state, reason and device id of the session.
  virtual StoreStatus update_provisioning(const ProvisioningSession& s) = 0;
  // Sessions in pending or connected that name this device (reconfigures).
  virtual StoreResult<std::vector<ProvisioningSession>> open_provisioning_of_device(Id device_id) = 0;
  // Every state's count (states without sessions: 0).
  virtual StoreResult<std::map<std::string, long>> count_provisioning_by_state() = 0;
  // Sessions the requester created at or after `since`.
  virtual StoreResult<long> count_provisioning_since(Id requester_id, Millis since) = 0;
  // Removes sessions that expired before `before` and were never activated.
  virtual StoreResult<long> delete_provisioning_expired(Millis before) = 0;

  // Devices (names unique per organization, tokens unique).
  virtual StoreResult<Id> insert_device(const Device& d) = 0;  // id assigned
  virtual StoreResult<std::optional<Device>> device_by_id(Id id) = 0;
  virtual StoreResult<std::optional<Device>> device_by_token(const std::string& hash) = 0;
  virtual StoreResult<std::optional<Device>> device_by_previous_token(const std::string& hash) = 0;
  // owner == nullopt: every device of the org. Ordered by id.
  virtual StoreResult<std::vector<Device>> devices_of_org(Id org_id, std::optional<Id> owner) = 0;
  // Names in the org that are `base` or start with `base` and a space.
  virtual StoreResult<std::vector<std::string>> device_names_like(Id org_id, const std::string& base) = 0;
  virtual StoreStatus update_device_name(Id id, const std::string& name) = 0;  // Conflict: name taken
  virtual StoreStatus update_device_tokens(Id id, const std::string& token_hash,
                                           const std::optional<std::string>& previous_token_hash) = 0;
  virtual StoreStatus update_device_firmware(Id id, const std::string& firmware) = 0;
  virtual StoreStatus update_device_last_seen(Id id, Millis ts) = 0;
  // Deletes the device and everything that hangs off it (pins, properties, events).
  virtual StoreStatus delete_device(Id id) = 0;

  // Timeline (newest first) and device data.
  virtual StoreStatus insert_event(Id device_id, const TimelineEvent& e) = 0;
  virtual StoreResult<std::vector<TimelineEvent>> events_of_device(Id device_id, int limit) = 0;
  // Keeps the device's newest `keep` events.
  virtual StoreStatus trim_events(Id device_id, int keep) = 0;
  virtual StoreResult<long> count_events(Id device_id) = 0;
  // Pins, properties and events of the device.
  virtual StoreStatus delete_device_data(Id device_id) = 0;
  virtual StoreStatus upsert_pin(const PinValue& pin) = 0;
  virtual StoreResult<std::map<std::string, std::string>> pins_of_device(Id device_id) = 0;
  virtual StoreStatus upsert_property(Id device_id, const std::string& pin, const std::string& name,
                                      const std::string& value) = 0;
  virtual StoreResult<long> count_properties(Id device_id) = 0;

  // A tiny write that proves the store can write now (for /healthz).
  virtual StoreStatus touch_health(Millis now) = 0;

  // Administration of users (domain/accounts decides who may and what follows).
  virtual StoreResult<std::vector<User>> users_of_org(Id org_id) = 0;  // by id
  virtual StoreStatus update_user_role(Id id, Role role) = 0;
  virtual StoreStatus update_user_password(Id id, const std::string& password_hash) = 0;
  // Deletes the user's row only: their devices, sessions and sign-ins must be moved or
  // ended first (reassign_*, delete_auth_sessions_of_user).
  virtual StoreStatus delete_user(Id id) = 0;
  // Ends the user's sign-ins, all but the one whose hash is `keep`; answers how many ended.
  virtual StoreResult<long> delete_auth_sessions_of_user(Id user_id,
                                                         const std::optional<std::string>& keep) = 0;
  // Devices owned by `from` become `to`'s; answers how many.
  virtual StoreResult<long> reassign_devices(Id from, Id to) = 0;
  // Provisioning sessions requested by `from` become `to`'s; answers how many.
  virtual StoreResult<long> reassign_provisioning(Id from, Id to) = 0;
  virtual StoreStatus update_template_name(const std::string& id, const std::string& name) = 0;
  // One page of the devices list: ordered by name (bytewise) then id; `needle` matches
  // names case-insensitively (ASCII) anywhere; total counts every match.
  virtual StoreResult<DevicePage> devices_page(Id org_id, std::optional<Id> owner, const std::string& needle,
                                               long limit, long offset) = 0;
  // The heartbeat interval the device announced, in seconds.
  virtual StoreStatus update_device_heartbeat(Id id, int seconds) = 0;
  // The organization's provisioning sessions, newest first, narrowed by the filter.
  virtual StoreResult<std::vector<ProvisioningSession>> provisioning_of_org(
      Id org_id, const ProvisioningFilter& filter) = 0;
  // Firmware images (one per template and sha256) and shipments.
  virtual StoreResult<Id> insert_firmware(const FirmwareImage& image) = 0;  // Conflict: already uploaded
  virtual StoreResult<std::optional<FirmwareImage>> firmware_by_id(Id id) = 0;
  virtual StoreResult<std::vector<FirmwareImage>> firmware_of_template(
      const std::string& template_id) = 0;  // newest first
  virtual StoreResult<Id> insert_shipment(const Shipment& shipment) = 0;
  virtual StoreResult<std::optional<Shipment>> shipment_by_id(Id id) = 0;
  virtual StoreStatus update_shipment_state(Id id, const std::string& state) = 0;
  // A device's place in a shipment (one per shipment and device).
  virtual StoreStatus insert_ota_target(const OtaTarget& target) = 0;
  virtual StoreStatus update_ota_target(const OtaTarget& target) = 0;
  virtual StoreResult<std::vector<OtaTarget>> ota_targets_of_shipment(Id shipment_id) = 0;  // by device id
  // The device's targets without an outcome yet, oldest shipment first.
  virtual StoreResult<std::vector<OtaTarget>> open_ota_targets_of_device(Id device_id) = 0;
  // The target whose current or previous download token has this hash.
  virtual StoreResult<std::optional<OtaTarget>> ota_target_by_token(const std::string& hash) = 0;
};

class Store {
 public:
  enum class Access { Read, Write };
  virtual ~Store() = default;

  // Runs `work` in one transaction: committed when it answers a value, rolled
  // back when it answers a failure (which is then the answer). A failed
  // commit answers its failure. Thread-safe; may block (never on an io thread).
  virtual StoreStatus run(Access access, const std::function<StoreStatus(Records&)>& work) = 0;

  // run() for work that answers a StoreResult<T>.
  template <typename Work>
  auto read(Work&& work) {
    return transact(Access::Read, std::forward<Work>(work));
  }
  template <typename Work>
  auto write(Work&& work) {
    return transact(Access::Write, std::forward<Work>(work));
  }

 private:
  template <typename Work>
  auto transact(Access access, Work&& work) -> std::invoke_result_t<Work, Records&> {
    using Result = std::invoke_result_t<Work, Records&>;
    std::optional<Result> out;
    auto status = run(access, [&](Records& records) -> StoreStatus {
      out.emplace(work(records));
      if (!out->ok()) return out->error();
      return done();
    });
    if (!status) return status.error();
    return std::move(*out);
  }
};

struct SqliteOptions {
  int busy_timeout_ms = 5000;  // how long a write waits for another writer's lock
};

// Opens (creating if needed) `path` and brings its schema to the current version.
StoreResult<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, SqliteOptions options = {});

}  // namespace onboard::cloud
