// The PostgreSQL implementation of Store: a pool of connections; each run() is one
// transaction on one of them (SERIALIZABLE for writes, so nodes need no single writer;
// a serialization failure runs the work again). PgRecords runs the statements.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include "onboard/cloud/store/postgres_store.hpp"
#include "pg_connection.hpp"
#include "pg_pool.hpp"

namespace onboard::cloud::pg {

StoreFailure failure_of(const Error& error);

class PgRecords final : public Records {
 public:
  // `owner`: whose statements these are on the connection (the group commit's writes).
  explicit PgRecords(Connection& conn, int owner = 0) : conn_(conn), owner_(owner) { conn_.set_owner(owner); }

  // The last database error a call answered with (the work may pass it on as its failure).
  const std::optional<Error>& last_error() const { return last_error_; }
  // An error came from a statement another work had queued (it travelled in this work's round trip).
  bool saw_foreign_failure() const { return foreign_failure_; }

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
                                   const std::optional<std::string>& previous_token_hash,
                                   std::optional<Millis> previous_token_until) override;
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
  StoreStatus upsert_metadata(Id device_id, const std::string& name, const std::string& value) override;
  StoreResult<std::map<std::string, std::string>> metadata_of_device(Id device_id) override;
  StoreResult<long> count_metadata(Id device_id) override;

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
  StoreResult<DevicePage> devices_page(Id org_id, std::optional<Id> owner, const std::string& needle,
                                       long limit, long offset) override;
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
  // Runs a statement; a failure is remembered and answered as a StoreFailure.
  Result run(std::string_view sql, const Params& params = {});
  // Queues a write whose only answer is success: it goes with the next round trip (the next
  // read, or the commit), whose failure then is its failure.
  StoreStatus later(std::string_view sql, const Params& params);
  StoreFailure failed(const Result& r);
  StoreResult<long> count(std::string_view sql, const Params& params);
  // An UPDATE that a unique key may refuse: inside a savepoint, so that a refusal leaves
  // the rest of the transaction usable (PostgreSQL aborts the whole one otherwise).
  StoreStatus update_unique(std::string_view sql, const Params& params, const char* conflict);
  StoreResult<std::optional<Device>> device_where(const char* where, const Params& params);
  StoreResult<std::optional<ProvisioningSession>> session_where(const char* where, const Params& params);

  Connection& conn_;
  int owner_;
  std::optional<Error> last_error_;
  bool foreign_failure_ = false;
  // The row insert_device answered (RETURNING), so that reading it back in the same work
  // costs no round trip; forgotten by any write to devices.
  std::optional<Device> inserted_;
};

// Writes are committed in groups, as SQLite's are: a write that arrives while a group runs
// waits for the next one; whoever finds no group running leads the next, for everyone
// queued: one transaction, a savepoint each, one commit (one WAL flush, the cost that bounds
// an activation here). Nobody is answered before the commit that holds its write; a failed
// commit fails every write of its group.
class PgStore final : public Store {
 public:
  // `groups`: how many groups may be committing at once (each on its own connection): one
  // alone would make every write wait for the round trips of the writes before it.
  PgStore(ConnectionSettings settings, int connections, int groups)
      : pool_(settings, connections), max_leaders_(groups) {}
  StoreStatus run(Access access, const std::function<StoreStatus(Records&)>& work) override;

 private:
  struct PendingWrite {
    const std::function<StoreStatus(Records&)>* work;
    std::optional<StoreStatus> result;  // set once its group committed (or failed)
    bool taken = false;                 // a leader has it in its group
  };
  StoreStatus run_read(const std::function<StoreStatus(Records&)>& work);
  // The answers, in the group's order.
  std::vector<StoreStatus> commit_group(const std::vector<PendingWrite*>& group);

  Pool pool_;
  std::mutex queue_mutex_;  // guards queue_ and leaders_
  std::condition_variable group_done_;
  std::vector<PendingWrite*> queue_;
  int leaders_ = 0;  // groups being committed now
  int max_leaders_;
};

}  // namespace onboard::cloud::pg
