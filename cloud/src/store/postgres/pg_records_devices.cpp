#include "../record_rows.hpp"
#include "pg_store.hpp"

namespace onboard::cloud::pg {

namespace {
using rows::kDeviceColumns;
using OptDevice = StoreResult<std::optional<Device>>;
}  // namespace

OptDevice PgRecords::device_where(const char* where, const Params& params) {
  auto r = run(std::string(kDeviceColumns) + where, params);
  if (!r) return failed(r);
  if (r.empty()) return std::optional<Device>();
  return std::optional<Device>(rows::device_from(r.row(0)));
}

namespace {
// kDeviceColumns' columns, as a RETURNING list.
const std::string& device_returning() {
  static const std::string list = [] {
    const std::string select(kDeviceColumns);
    const auto from = select.find(" FROM ");
    return " RETURNING " + select.substr(7, from - 7);
  }();
  return list;
}
}  // namespace

StoreResult<Id> PgRecords::insert_device(const Device& d) {
  auto r =
      run("INSERT INTO devices (org_id, owner_id, template_id, name, token_hash, firmware, activated_at, "
          "last_seen, previous_token_hash, previous_token_until) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
          "$10) ON CONFLICT DO NOTHING" +
              device_returning(),
          Params(d.org_id, d.owner_id, d.template_id, d.name, d.token_hash, d.firmware, d.activated_at,
                 d.last_seen, d.previous_token_hash, d.previous_token_until));
  if (!r) return failed(r);
  if (r.empty()) return store_failure(StoreErrorKind::Conflict, "the device name or token is taken");
  inserted_ = rows::device_from(r.row(0));
  return inserted_->id;
}

OptDevice PgRecords::device_by_id(Id id) {
  if (inserted_ && inserted_->id == id) return std::optional<Device>(*inserted_);
  return device_where("WHERE id = $1", Params(id));
}

OptDevice PgRecords::device_by_token(const std::string& hash) {
  return device_where("WHERE token_hash = $1", Params(hash));
}

OptDevice PgRecords::device_by_previous_token(const std::string& hash) {
  return device_where("WHERE previous_token_hash = $1", Params(hash));
}

StoreResult<std::vector<Device>> PgRecords::devices_of_org(Id org_id, std::optional<Id> owner) {
  auto r = run(
      std::string(kDeviceColumns) + "WHERE org_id = $1 AND ($2::BIGINT IS NULL OR owner_id = $2) ORDER BY id",
      Params(org_id, owner));
  if (!r) return failed(r);
  std::vector<Device> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(rows::device_from(r.row(i)));
  return out;
}

StoreResult<std::vector<std::string>> PgRecords::device_names_like(Id org_id, const std::string& base) {
  std::string pattern;
  for (char c : base) {
    if (c == '%' || c == '_' || c == '!') pattern.push_back('!');
    pattern.push_back(c);
  }
  pattern += " %";
  auto r = run("SELECT name FROM devices WHERE org_id = $1 AND (name = $2 OR name LIKE $3 ESCAPE '!')",
               Params(org_id, base, pattern));
  if (!r) return failed(r);
  std::vector<std::string> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
  return out;
}

StoreStatus PgRecords::update_device_name(Id id, const std::string& name) {
  return update_unique("UPDATE devices SET name = $1 WHERE id = $2", Params(name, id),
                       "another device of the organization has this name");
}

StoreStatus PgRecords::update_device_tokens(Id id, const std::string& token_hash,
                                            const std::optional<std::string>& previous_token_hash,
                                            std::optional<Millis> previous_token_until) {
  return update_unique(
      "UPDATE devices SET token_hash = $1, previous_token_hash = $2, previous_token_until = $3 WHERE id = $4",
      Params(token_hash, previous_token_hash, previous_token_until, id), "the token is taken");
}

StoreStatus PgRecords::update_device_firmware(Id id, const std::string& firmware) {
  inserted_.reset();
  return later("UPDATE devices SET firmware = $1 WHERE id = $2", Params(firmware, id));
}

StoreStatus PgRecords::update_device_last_seen(Id id, Millis ts) {
  inserted_.reset();
  return later("UPDATE devices SET last_seen = $1 WHERE id = $2", Params(ts, id));
}

StoreStatus PgRecords::delete_device(Id id) {
  inserted_.reset();
  conn_.set_owner(owner_);
  for (const char* sql :
       {"DELETE FROM pin_values WHERE device_id = $1", "DELETE FROM timeline_events WHERE device_id = $1",
        "DELETE FROM device_properties WHERE device_id = $1",
        "DELETE FROM device_metadata WHERE device_id = $1", "DELETE FROM ota_targets WHERE device_id = $1",
        "UPDATE provisioning_sessions SET device_id = NULL WHERE device_id = $1",
        "DELETE FROM devices WHERE id = $1"}) {
    conn_.defer(sql, Params(id));
  }
  return done();
}

StoreStatus PgRecords::insert_event(Id device_id, const TimelineEvent& e) {
  return later(
      "INSERT INTO timeline_events (device_id, ts, type, code, description) SELECT $1, $2, $3, $4, $5 WHERE "
      "EXISTS (SELECT 1 FROM devices WHERE id = $1)",
      Params(device_id, e.ts, e.type, e.code, e.description));
}

StoreResult<std::vector<TimelineEvent>> PgRecords::events_of_device(Id device_id, int limit) {
  auto r =
      run("SELECT ts, type, code, description FROM timeline_events WHERE device_id = $1 ORDER BY ts DESC, id "
          "DESC "
          "LIMIT $2",
          Params(device_id, limit));
  if (!r) return failed(r);
  std::vector<TimelineEvent> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back(TimelineEvent{r.int64(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3)});
  return out;
}

StoreStatus PgRecords::trim_events(Id device_id, int keep) {
  return later(
      "DELETE FROM timeline_events WHERE device_id = $1 AND id NOT IN (SELECT id FROM timeline_events WHERE "
      "device_id = $1 ORDER BY ts DESC, id DESC LIMIT $2)",
      Params(device_id, keep));
}

StoreResult<long> PgRecords::count_events(Id device_id) {
  return count("SELECT COUNT(*) FROM timeline_events WHERE device_id = $1", Params(device_id));
}

StoreStatus PgRecords::delete_device_data(Id device_id) {
  conn_.set_owner(owner_);
  for (const char* sql :
       {"DELETE FROM pin_values WHERE device_id = $1", "DELETE FROM timeline_events WHERE device_id = $1",
        "DELETE FROM device_properties WHERE device_id = $1"}) {
    conn_.defer(sql, Params(device_id));
  }
  return done();
}

StoreStatus PgRecords::upsert_pin(const PinValue& p) {
  return later(
      "INSERT INTO pin_values (device_id, pin, value) SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM "
      "devices WHERE "
      "id = $1) ON CONFLICT (device_id, pin) DO UPDATE SET value = excluded.value",
      Params(p.device_id, p.pin, p.value));
}

StoreResult<std::map<std::string, std::string>> PgRecords::pins_of_device(Id device_id) {
  auto r = run("SELECT pin, value FROM pin_values WHERE device_id = $1", Params(device_id));
  if (!r) return failed(r);
  std::map<std::string, std::string> out;
  for (int i = 0; i < r.rows(); ++i) out[r.text(i, 0)] = r.text(i, 1);
  return out;
}

StoreStatus PgRecords::upsert_property(Id device_id, const std::string& pin, const std::string& name,
                                       const std::string& value) {
  return later(
      "INSERT INTO device_properties (device_id, pin, name, value) SELECT $1, $2, $3, $4 WHERE EXISTS "
      "(SELECT 1 "
      "FROM devices WHERE id = $1) ON CONFLICT (device_id, pin, name) DO UPDATE SET value = excluded.value",
      Params(device_id, pin, name, value));
}

StoreResult<long> PgRecords::count_properties(Id device_id) {
  return count("SELECT COUNT(*) FROM device_properties WHERE device_id = $1", Params(device_id));
}

StoreStatus PgRecords::upsert_metadata(Id device_id, const std::string& name, const std::string& value) {
  return later(
      "INSERT INTO device_metadata (device_id, name, value) SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM "
      "devices WHERE id = $1) ON CONFLICT (device_id, name) DO UPDATE SET value = excluded.value",
      Params(device_id, name, value));
}

StoreResult<DevicePage> PgRecords::devices_page(Id org_id, std::optional<Id> owner, const std::string& needle,
                                                long limit, long offset) {
  std::string pattern = "%";
  for (char c : needle) {
    if (c == '%' || c == '_' || c == '!') pattern.push_back('!');
    pattern.push_back(c);
  }
  pattern += "%";
  // lower() of ASCII only, as SQLite's LIKE; COLLATE "C": bytewise order, as SQLite's.
  const std::string where =
      "WHERE org_id = $1 AND ($2::BIGINT IS NULL OR owner_id = $2) AND "
      "translate(name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') LIKE "
      "translate($3, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') ESCAPE '!' ";
  DevicePage page;
  auto count = run("SELECT COUNT(*) FROM devices " + where, Params(org_id, owner, pattern));
  if (!count) return failed(count);
  page.total = count.empty() ? 0 : static_cast<long>(count.int64(0, 0));
  auto r = run(std::string(kDeviceColumns) + where + "ORDER BY name COLLATE \"C\", id LIMIT $4 OFFSET $5",
               Params(org_id, owner, pattern, std::int64_t{limit}, std::int64_t{offset}));
  if (!r) return failed(r);
  for (int i = 0; i < r.rows(); ++i) page.devices.push_back(rows::device_from(r.row(i)));
  return page;
}

StoreStatus PgRecords::update_device_heartbeat(Id id, int seconds) {
  inserted_.reset();
  return later("UPDATE devices SET heartbeat_s = $1 WHERE id = $2", Params(std::int64_t{seconds}, id));
}

StoreResult<std::map<std::string, std::string>> PgRecords::metadata_of_device(Id device_id) {
  auto r = run("SELECT name, value FROM device_metadata WHERE device_id = $1", Params(device_id));
  if (!r) return failed(r);
  std::map<std::string, std::string> out;
  for (int i = 0; i < r.rows(); ++i) out[r.text(i, 0)] = r.text(i, 1);
  return out;
}

StoreResult<long> PgRecords::count_metadata(Id device_id) {
  return count("SELECT COUNT(*) FROM device_metadata WHERE device_id = $1", Params(device_id));
}

}  // namespace onboard::cloud::pg
