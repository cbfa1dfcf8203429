#include "sqlite_store.hpp"

namespace onboard::cloud::sqlite {

namespace {
constexpr const char* kDeviceColumns =
    "SELECT id, org_id, owner_id, template_id, name, token_hash, firmware, activated_at, last_seen, "
    "previous_token_hash IS NOT NULL FROM devices ";

Device device_from(Stmt& s) {
  Device d;
  d.id = s.int64(0);
  d.org_id = s.int64(1);
  d.owner_id = s.int64(2);
  d.template_id = s.text(3);
  d.name = s.text(4);
  d.token_hash = s.text(5);
  d.firmware = s.text(6);
  d.activated_at = s.int64(7);
  d.last_seen = s.int64(8);
  d.replaced_token_valid = s.int64(9) != 0;
  return d;
}
}  // namespace

std::optional<Device> SqliteStore::device_where(const char* where, const std::function<void(Stmt&)>& binder) {
  Stmt s(db_, (std::string(kDeviceColumns) + where).c_str());
  binder(s);
  if (!s.step()) return std::nullopt;
  return device_from(s);
}

std::optional<Device> SqliteStore::find_device(Id id) {
  std::lock_guard lock(mutex_);
  return device_where("WHERE id = ?", [&](Stmt& s) { s.bind(1, id); });
}

std::optional<Device> SqliteStore::find_device_by_token(const std::string& token_hash) {
  std::lock_guard lock(mutex_);
  return device_where("WHERE token_hash = ?", [&](Stmt& s) { s.bind(1, token_hash); });
}

std::vector<Device> SqliteStore::list_devices(Id org_id, std::optional<Id> owner) {
  std::lock_guard lock(mutex_);
  Stmt s(
      db_,
      (std::string(kDeviceColumns) + "WHERE org_id = ? AND (? IS NULL OR owner_id = ?) ORDER BY id").c_str());
  s.bind(1, org_id).bind(2, owner).bind(3, owner);
  std::vector<Device> out;
  while (s.step()) out.push_back(device_from(s));
  return out;
}

void SqliteStore::rename_device(Id id, const std::string& name) {
  std::lock_guard lock(mutex_);
  Stmt s(db_, "UPDATE devices SET name = ? WHERE id = ?");
  s.bind(1, name).bind(2, id);
  if (!s.run()) throw StoreError("name taken");
  names_.clear();  // the old name may be free now, the new one taken; renames are rare: reload
}

void SqliteStore::delete_device(Id id) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  Stmt fail(
      db_,
      "UPDATE provisioning_sessions SET state = 'failed', reason = 'device_deleted' WHERE device_id = ? AND "
      "state IN ('pending', 'connected')");
  fail.bind(1, id).run();
  Stmt del(db_, "DELETE FROM devices WHERE id = ?");
  del.bind(1, id).run();
  tx.commit();
  names_.clear();  // its name is free again (reused by the next activation); deletions are rare: reload
}

void SqliteStore::set_device_firmware(Id id, const std::string& firmware) {
  std::lock_guard lock(mutex_);
  Stmt s(db_, "UPDATE devices SET firmware = ? WHERE id = ?");
  s.bind(1, firmware).bind(2, id).run();
}

void SqliteStore::set_device_last_seen(Id id, Millis ts) {
  std::lock_guard lock(mutex_);
  Stmt s(db_, "UPDATE devices SET last_seen = ? WHERE id = ?");
  s.bind(1, ts).bind(2, id).run();
}

void SqliteStore::add_event_locked(Id device_id, const TimelineEvent& e) {
  Stmt s(db_, "INSERT INTO timeline_events (device_id, ts, type, code, description) VALUES (?, ?, ?, ?, ?)");
  s.bind(1, device_id).bind(2, e.ts).bind(3, e.type).bind(4, e.code).bind(5, e.description).run();
}

void SqliteStore::add_event(Id device_id, const TimelineEvent& e) {
  std::lock_guard lock(mutex_);
  Stmt exists(db_, "SELECT 1 FROM devices WHERE id = ?");
  exists.bind(1, device_id);
  if (!exists.step()) return;  // deleted meanwhile: nothing to attach to
  add_event_locked(device_id, e);
}

void SqliteStore::add_events(const std::vector<std::pair<Id, TimelineEvent>>& events) {
  if (events.empty()) return;
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  Stmt s(db_,
         "INSERT INTO timeline_events (device_id, ts, type, code, description) SELECT ?, ?, ?, ?, ? WHERE "
         "EXISTS "
         "(SELECT 1 FROM devices WHERE id = ?)");
  for (const auto& [device_id, e] : events) {
    s.bind(1, device_id)
        .bind(2, e.ts)
        .bind(3, e.type)
        .bind(4, e.code)
        .bind(5, e.description)
        .bind(6, device_id)
        .run();
    s.reset();
  }
  tx.commit();
}

std::vector<TimelineEvent> SqliteStore::list_events(Id device_id, int limit) {
  std::lock_guard lock(mutex_);
  Stmt s(
      db_,
      "SELECT ts, type, code, description FROM timeline_events WHERE device_id = ? ORDER BY ts DESC, id DESC "
      "LIMIT ?");
  s.bind(1, device_id).bind(2, std::int64_t{limit});
  std::vector<TimelineEvent> out;
  while (s.step()) out.push_back(TimelineEvent{s.int64(0), s.text(1), s.text(2), s.text(3)});
  return out;
}

void SqliteStore::erase_device_data(Id device_id) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  for (const char* sql :
       {"DELETE FROM pin_values WHERE device_id = ?", "DELETE FROM timeline_events WHERE device_id = ?",
        "DELETE FROM device_properties WHERE device_id = ?"}) {
    Stmt s(db_, sql);
    s.bind(1, device_id).run();
  }
  tx.commit();
}

void SqliteStore::save_pins(const std::vector<PinValue>& pins) {
  if (pins.empty()) return;
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  // Devices deleted since the value arrived are skipped by the WHERE EXISTS.
  Stmt s(db_,
         "INSERT INTO pin_values (device_id, pin, value) SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM devices "
         "WHERE id "
         "= ?) ON CONFLICT (device_id, pin) DO UPDATE SET value = excluded.value");
  for (const auto& p : pins) {
    s.bind(1, p.device_id).bind(2, p.pin).bind(3, p.value).bind(4, p.device_id).run();
    s.reset();
  }
  tx.commit();
}

std::map<std::string, std::string> SqliteStore::load_pins(Id device_id) {
  std::lock_guard lock(mutex_);
  Stmt s(db_, "SELECT pin, value FROM pin_values WHERE device_id = ?");
  s.bind(1, device_id);
  std::map<std::string, std::string> out;
  while (s.step()) out[s.text(0)] = s.text(1);
  return out;
}

void SqliteStore::set_property(Id device_id, const std::string& pin, const std::string& name,
                               const std::string& value) {
  std::lock_guard lock(mutex_);
  Stmt s(db_,
         "INSERT INTO device_properties (device_id, pin, name, value) VALUES (?, ?, ?, ?) ON CONFLICT "
         "(device_id, "
         "pin, name) DO UPDATE SET value = excluded.value");
  s.bind(1, device_id).bind(2, pin).bind(3, name).bind(4, value).run();
}

}  // namespace onboard::cloud::sqlite
