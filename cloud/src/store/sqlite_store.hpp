// The SQLite implementation of Store: one connection, one mutex, WAL. Its
// Records run the statements; SqliteStore::run wraps them in a transaction.
#pragma once

#include <mutex>
#include <string>

#include "onboard/cloud/store/store.hpp"
#include "sqlite_db.hpp"

namespace onboard::cloud::sqlite {

// Runs f, turning a thrown sqlite::Failure into the failure value.
template <typename F>
auto guarded(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const Failure& e) {
    return e.failure;
  }
}

class SqliteRecords final : public Records {
 public:
  explicit SqliteRecords(Db& db) : db_(db) {}

  StoreResult<std::optional<Id>> org_by_name(const std::string& name) override;
  StoreResult<Id> insert_org(const std::string& name) override;
  StoreResult<User> insert_user(const User& user) override;
  StoreResult<std::optional<User>> user_by_email(const std::string& email) override;
  StoreResult<std::optional<User>> user_by_id(Id id) override;
  StoreStatus insert_auth_session(const std::string& hash, Id user_id, Millis expires_at) override;
  StoreResult<std::optional<Id>> auth_session_user(const std::string& hash, Millis now) override;
  StoreResult<long> delete_auth_sessions_expired(Millis now) override;
  StoreStatus delete_auth_session(const std::string& hash) override;

  StoreStatus insert_template(const Template& t) override;
  StoreResult<std::vector<Template>> templates_of_org(Id org_id) override;
  StoreResult<std::optional<Template>> template_by_id(const std::string& id) override;

  StoreResult<Id> insert_provisioning(const ProvisioningSession& s) override;
  StoreResult<std::optional<ProvisioningSession>> provisioning_by_id(Id id) override;
  StoreResult<std::optional<ProvisioningSession>> provisioning_by_token(const std::string& hash) override;
  StoreStatus update_provisioning(const ProvisioningSession& s) override;
  StoreResult<std::vector<ProvisioningSession>> open_provisioning_of_device(Id device_id) override;
  StoreResult<std::map<std::string, long>> count_provisioning_by_state() override;
  StoreResult<long> count_provisioning_since(Id requester_id, Millis since) override;
  StoreResult<long> delete_provisioning_expired(Millis before) override;

  StoreResult<Id> insert_device(const Device& d) override;
  StoreResult<std::optional<Device>> device_by_id(Id id) override;
  StoreResult<std::optional<Device>> device_by_token(const std::string& hash) override;
  StoreResult<std::optional<Device>> device_by_previous_token(const std::string& hash) override;
  StoreResult<std::vector<Device>> devices_of_org(Id org_id, std::optional<Id> owner) override;
  StoreResult<std::vector<std::string>> device_names_like(Id org_id, const std::string& base) override;
  StoreStatus update_device_name(Id id, const std::string& name) override;
  StoreStatus update_device_tokens(Id id, const std::string& token_hash,
                                   const std::optional<std::string>& previous_token_hash) override;
  StoreStatus update_device_firmware(Id id, const std::string& firmware) override;
  StoreStatus update_device_last_seen(Id id, Millis ts) override;
  StoreStatus delete_device(Id id) override;

  StoreStatus insert_event(Id device_id, const TimelineEvent& e) override;
  StoreResult<std::vector<TimelineEvent>> events_of_device(Id device_id, int limit) override;
  StoreStatus trim_events(Id device_id, int keep) override;
  StoreResult<long> count_events(Id device_id) override;
  StoreStatus delete_device_data(Id device_id) override;
  StoreStatus upsert_pin(const PinValue& pin) override;
  StoreResult<std::map<std::string, std::string>> pins_of_device(Id device_id) override;
  StoreStatus upsert_property(Id device_id, const std::string& pin, const std::string& name,
                              const std::string& value) override;
  StoreResult<long> count_properties(Id device_id) override;

  StoreStatus touch_health(Millis now) override;

  StoreResult<std::vector<User>> users_of_org(Id org_id) override;
  StoreStatus update_user_role(Id id, Role role) override;
  StoreStatus update_user_password(Id id, const std::string& password_hash) override;
  StoreStatus delete_user(Id id) override;
  StoreResult<long> delete_auth_sessions_of_user(Id user_id, const std::optional<std::string>& keep) override;
  StoreResult<long> reassign_devices(Id from, Id to) override;
  StoreResult<long> reassign_provisioning(Id from, Id to) override;
  StoreStatus update_template_name(const std::string& id, const std::string& name) override;
  StoreResult<std::vector<ProvisioningSession>> provisioning_of_org(
      Id org_id, const ProvisioningFilter& filter) override;
  StoreResult<DevicePage> devices_page(Id org_id, std::optional<Id> owner, const std::string& needle, long limit,
                                       long offset) override;
  StoreStatus update_device_heartbeat(Id id, int seconds) override;
  StoreResult<Id> insert_firmware(const FirmwareImage& image) override;
  StoreResult<std::optional<FirmwareImage>> firmware_by_id(Id id) override;
  StoreResult<std::vector<FirmwareImage>> firmware_of_template(const std::string& template_id) override;
  StoreResult<Id> insert_shipment(const Shipment& shipment) override;
  StoreResult<std::optional<Shipment>> shipment_by_id(Id id) override;
  StoreStatus update_shipment_state(Id id, const std::string& state) override;
  StoreStatus insert_ota_target(const OtaTarget& target) override;
  StoreStatus update_ota_target(const OtaTarget& target) override;
  StoreResult<std::vector<OtaTarget>> ota_targets_of_shipment(Id shipment_id) override;
  StoreResult<std::vector<OtaTarget>> open_ota_targets_of_device(Id device_id) override;
  StoreResult<std::optional<OtaTarget>> ota_target_by_token(const std::string& hash) override;

 private:
  std::optional<Device> device_where(const char* where, const std::function<void(Stmt&)>& binder);
  std::optional<ProvisioningSession> session_where(const char* where,
                                                   const std::function<void(Stmt&)>& binder);
  long count(const char* sql, Id id);

  Db& db_;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(const std::string& path, SqliteOptions options);
  StoreStatus run(Access access, const std::function<StoreStatus(Records&)>& work) override;

 private:
  std::mutex mutex_;
  Db db_;
  SqliteRecords records_{db_};
};

}  // namespace onboard::cloud::sqlite
