// The SQLite implementation of Store: one connection, one mutex, WAL.
#pragma once

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <utility>

#include "onboard/cloud/store/store.hpp"
#include "sqlite_db.hpp"

namespace onboard::cloud::sqlite {

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const std::string& path);

  Id find_or_create_org(const std::string& name) override;
  std::optional<User> create_user(Id org_id, const std::string& email, const std::string& password_hash,
                                  Role role) override;
  std::optional<User> find_user_by_email(const std::string& email) override;
  std::optional<User> find_user(Id id) override;
  void create_auth_session(const std::string& hash, Id user_id, Millis expires_at) override;
  std::optional<Id> find_auth_session(const std::string& hash, Millis now) override;

  void create_template(const Template& t) override;
  std::vector<Template> list_templates(Id org_id) override;
  std::optional<Template> find_template(const std::string& id) override;

  Id create_provisioning(const ProvisioningSession& s) override;
  std::optional<ProvisioningSession> find_provisioning(Id id) override;
  std::optional<ProvisioningSession> find_provisioning_by_token(const std::string& token_hash) override;
  bool advance_provisioning(Id id, ProvisioningState to, const std::string& reason) override;
  ActivationOutcome activate(const ActivationRequest& request) override;
  LoginLookup look_up_login(const std::string& token_hash, Millis now) override;
  std::map<std::string, long> count_provisioning_by_state() override;

  std::optional<Device> find_device(Id id) override;
  std::optional<Device> find_device_by_token(const std::string& token_hash) override;
  std::vector<Device> list_devices(Id org_id, std::optional<Id> owner) override;
  void rename_device(Id id, const std::string& name) override;
  void delete_device(Id id) override;
  void set_device_firmware(Id id, const std::string& firmware) override;
  void set_device_last_seen(Id id, Millis ts) override;

  void add_event(Id device_id, const TimelineEvent& e) override;
  void add_events(const std::vector<std::pair<Id, TimelineEvent>>& events) override;
  std::vector<TimelineEvent> list_events(Id device_id, int limit) override;
  void erase_device_data(Id device_id) override;
  void save_pins(const std::vector<PinValue>& pins) override;
  std::map<std::string, std::string> load_pins(Id device_id) override;
  void set_property(Id device_id, const std::string& pin, const std::string& name,
                    const std::string& value) override;

 private:
  // The device names of one org that are `base` or "base N", as the
  // activation's name choice needs them: the smallest free N >= 2 is
  // `lowest_free` (every number below it is taken); `above` holds the taken
  // numbers over it.
  struct NameSlots {
    bool base_taken = false;
    long lowest_free = 2;
    std::set<long> above;
  };

  std::string free_name(Id org_id, const std::string& base_name);
  NameSlots load_name_slots(Id org_id, const std::string& base_name);
  void name_taken(Id org_id, const std::string& name);
  void forget_names(Id org_id);
  std::optional<Device> device_where(const char* sql, const std::function<void(Stmt&)>& binder);
  std::optional<ProvisioningSession> session_where(const char* sql, const std::function<void(Stmt&)>& binder);
  void add_event_locked(Id device_id, const TimelineEvent& e);

  std::mutex mutex_;
  Db db_;
  // Name slots by (org, base name), filled on first use from the devices
  // table and kept in step with every device this store inserts, renames or
  // deletes (it is the only writer: one process owns the database). Without
  // it each activation scanned all of its template's names, so a burst of k
  // activations cost O(k^2): 5,000 fresh devices ran at 210/s and slowing.
  std::map<std::pair<Id, std::string>, NameSlots> names_;
};

}  // namespace onboard::cloud::sqlite
