#include "record_rows.hpp"
#include "sqlite_store.hpp"

namespace onboard::cloud::sqlite {

namespace {
using rows::device_from;
using rows::kDeviceColumns;
using OptDevice = StoreResult<std::optional<Device>>;
}  // namespace

std::optional<Device> SqliteRecords::device_where(const char* where,
                                                  const std::function<void(Stmt&)>& binder) {
  Stmt s(db_, (std::string(kDeviceColumns) + where).c_str());
  binder(s);
  if (!s.step()) return std::nullopt;
  return device_from(s);
}

StoreResult<Id> SqliteRecords::insert_device(const Device& d) {
  return guarded([&]() -> StoreResult<Id> {
    Stmt s(db_,
           "INSERT INTO devices (org_id, owner_id, template_id, name, token_hash, firmware, activated_at, "
           "last_seen, previous_token_hash, previous_token_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, d.org_id).bind(2, d.owner_id).bind(3, d.template_id).bind(4, d.name).bind(5, d.token_hash);
    s.bind(6, d.firmware).bind(7, d.activated_at).bind(8, d.last_seen);
    if (d.previous_token_hash) {
      s.bind(9, *d.previous_token_hash);
    } else {
      s.bind_null(9);
    }
    s.bind(10, d.previous_token_until);
    if (!s.run()) return store_failure(StoreErrorKind::Conflict, "the device name or token is taken");
    return Id{db_.last_insert_id()};
  });
}

OptDevice SqliteRecords::device_by_id(Id id) {
  return guarded(
      [&]() -> OptDevice { return device_where("WHERE id = ?", [&](Stmt& s) { s.bind(1, id); }); });
}

OptDevice SqliteRecords::device_by_token(const std::string& hash) {
  return guarded(
      [&]() -> OptDevice { return device_where("WHERE token_hash = ?", [&](Stmt& s) { s.bind(1, hash); }); });
}

OptDevice SqliteRecords::device_by_previous_token(const std::string& hash) {
  return guarded([&]() -> OptDevice {
    return device_where("WHERE previous_token_hash = ?", [&](Stmt& s) { s.bind(1, hash); });
  });
}

StoreResult<std::vector<Device>> SqliteRecords::devices_of_org(Id org_id, std::optional<Id> owner) {
  return guarded([&]() -> StoreResult<std::vector<Device>> {
    Stmt s(db_, (std::string(kDeviceColumns) + "WHERE org_id = ? AND (? IS NULL OR owner_id = ?) ORDER BY id")
                    .c_str());
    s.bind(1, org_id).bind(2, owner).bind(3, owner);
    std::vector<Device> out;
    while (s.step()) out.push_back(device_from(s));
    return out;
  });
}

StoreResult<std::vector<std::string>> SqliteRecords::device_names_like(Id org_id, const std::string& base) {
  return guarded([&]() -> StoreResult<std::vector<std::string>> {
    std::string pattern;
    for (char c : base) {
      if (c == '%' || c == '_' || c == '!') pattern.push_back('!');
      pattern.push_back(c);
    }
    pattern += " %";
    Stmt s(db_, "SELECT name FROM devices WHERE org_id = ? AND (name = ? OR name LIKE ? ESCAPE '!')");
    s.bind(1, org_id).bind(2, base).bind(3, pattern);
    std::vector<std::string> out;
    while (s.step()) out.push_back(s.text(0));
    return out;
  });
}

StoreStatus SqliteRecords::update_device_name(Id id, const std::string& name) {
  return guarded([&]() -> StoreStatus {
    Stmt s(db_, "UPDATE devices SET name = ? WHERE id = ?");
    s.bind(1, name).bind(2, id);
    if (!s.run())
      return store_failure(StoreErrorKind::Conflict, "another device of the organization has this name");
    return done();
  });
}

StoreStatus SqliteRecords::update_device_tokens(Id id, const std::string& token_hash,
                                                const std::optional<std::string>& previous_token_hash,
                                                std::optional<Millis> previous_token_until) {
  return guarded([&]() -> StoreStatus {
    Stmt s(
        db_,
        "UPDATE devices SET token_hash = ?, previous_token_hash = ?, previous_token_until = ? WHERE id = ?");
    s.bind(1, token_hash);
    if (previous_token_hash) {
      s.bind(2, *previous_token_hash);
    } else {
      s.bind_null(2);
    }
    s.bind(3, previous_token_until).bind(4, id);
    if (!s.run()) return store_failure(StoreErrorKind::Conflict, "the token is taken");
    return done();
  });
}

StoreStatus SqliteRecords::update_device_firmware(Id id, const std::string& firmware) {
  return guarded([&]() -> StoreStatus {
    Stmt s(db_, "UPDATE devices SET firmware = ? WHERE id = ?");
    s.bind(1, firmware).bind(2, id).exec();
    return done();
  });
}

StoreStatus SqliteRecords::update_device_last_seen(Id id, Millis ts) {
  return guarded([&]() -> StoreStatus {
    Stmt s(db_, "UPDATE devices SET last_seen = ? WHERE id = ?");
    s.bind(1, ts).bind(2, id).exec();
    return done();
  });
}

StoreStatus SqliteRecords::delete_device(Id id) {
  return guarded([&]() -> StoreStatus {
    // Spelled out rather than left to ON DELETE CASCADE: the same on every database.
    for (const char* sql :
         {"DELETE FROM pin_values WHERE device_id = ?", "DELETE FROM timeline_events WHERE device_id = ?",
          "DELETE FROM device_properties WHERE device_id = ?",
          "DELETE FROM device_metadata WHERE device_id = ?", "DELETE FROM ota_targets WHERE device_id = ?",
          "UPDATE provisioning_sessions SET device_id = NULL WHERE device_id = ?",
          "DELETE FROM devices WHERE id = ?"}) {
      Stmt s(db_, sql);
      s.bind(1, id).exec();
    }
    return done();
  });
}

StoreStatus SqliteRecords::insert_event(Id device_id, const TimelineEvent& e) {
  return guarded([&]() -> StoreStatus {
    Stmt s(db_,
           "INSERT INTO timeline_events (device_id, ts, type, code, description) SELECT ?, ?, ?, ?, ? WHERE "
           "EXISTS (SELECT 1 FROM devices WHERE id = ?)");
    s.bind(1, device_id)
        .bind(2, e.ts)
        .bind(3, e.type)
        .bind(4, e.code)
        .bind(5, e.description)
        .bind(6, device_id);
    s.exec();
    return done();
  });
}

StoreResult<std::vector<TimelineEvent>> SqliteRecords::events_of_device(Id device_id, int limit) {
  return guarded([&]() -> StoreResult<std::vector<TimelineEvent>> {
    Stmt s(db_,
           "SELECT ts, type, code, description FROM timeline_events WHERE device_id = ? ORDER BY ts DESC, id "
           "DESC LIMIT ?");
    s.bind(1, device_id).bind(2, std::int64_t{limit});
    std::vector<TimelineEvent> out;
    while (s.step()) out.push_back(TimelineEvent{s.int64(0), s.text(1), s.text(2), s.text(3)});
    return out;
  });
}

StoreStatus SqliteRecords::trim_events(Id device_id, int keep) {
  return guarded([&]() -> StoreStatus {
    Stmt s(
        db_,
        "DELETE FROM timeline_events WHERE device_id = ? AND id NOT IN (SELECT id FROM timeline_events WHERE "
        "device_id = ? ORDER BY ts DESC, id DESC LIMIT ?)");
    s.bind(1, device_id).bind(2, device_id).bind(3, std::int64_t{keep}).exec();
    return done();
  });
}

StoreResult<long> SqliteRecords::count_events(Id device_id) {
  return guarded([&]() -> StoreResult<long> {
    return count("SELECT COUNT(*) FROM timeline_events WHERE device_id = ?", device_id);
  });
}

StoreStatus SqliteRecords::delete_device_data(Id device_id) {
  return guarded([&]() -> StoreStatus {
    for (const char* sql :
         {"DELETE FROM pin_values WHERE device_id = ?", "DELETE FROM timeline_events WHERE device_id = ?",
          "DELETE FROM device_properties WHERE device_id = ?"}) {
      Stmt s(db_, sql);
      s.bind(1, device_id).exec();
    }
    return done();
  });
}

StoreStatus SqliteRecords::upsert_pin(const PinValue& p) {
  return guarded([&]() -> StoreStatus {
    Stmt s(
        db_,
        "INSERT INTO pin_values (device_id, pin, value) SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM devices "
        "WHERE id = ?) ON CONFLICT (device_id, pin) DO UPDATE SET value = excluded.value");
    s.bind(1, p.device_id).bind(2, p.pin).bind(3, p.value).bind(4, p.device_id).exec();
    return done();
  });
}

StoreResult<std::map<std::string, std::string>> SqliteRecords::pins_of_device(Id device_id) {
  return guarded([&]() -> StoreResult<std::map<std::string, std::string>> {
    Stmt s(db_, "SELECT pin, value FROM pin_values WHERE device_id = ?");
    s.bind(1, device_id);
    std::map<std::string, std::string> out;
    while (s.step()) out[s.text(0)] = s.text(1);
    return out;
  });
}

StoreStatus SqliteRecords::upsert_property(Id device_id, const std::string& pin, const std::string& name,
                                           const std::string& value) {
  return guarded([&]() -> StoreStatus {
    Stmt s(
        db_,
        "INSERT INTO device_properties (device_id, pin, name, value) SELECT ?, ?, ?, ? WHERE EXISTS (SELECT "
        "1 "
        "FROM devices WHERE id = ?) ON CONFLICT (device_id, pin, name) DO UPDATE SET value = excluded.value");
    s.bind(1, device_id).bind(2, pin).bind(3, name).bind(4, value).bind(5, device_id).exec();
    return done();
  });
}

StoreResult<long> SqliteRecords::count_properties(Id device_id) {
  return guarded([&]() -> StoreResult<long> {
    return count("SELECT COUNT(*) FROM device_properties WHERE device_id = ?", device_id);
  });
}

StoreStatus SqliteRecords::upsert_metadata(Id device_id, const std::string& name, const std::string& value) {
  return guarded([&]() -> StoreStatus {
    Stmt s(db_,
           "INSERT INTO device_metadata (device_id, name, value) SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM "
           "devices WHERE id = ?) ON CONFLICT (device_id, name) DO UPDATE SET value = excluded.value");
    s.bind(1, device_id).bind(2, name).bind(3, value).bind(4, device_id).exec();
    return done();
  });
}

namespace {
// A LIKE pattern matching `needle` anywhere, its wildcards escaped with '!'.
std::string contains_pattern(const std::string& needle) {
  std::string pattern = "%";
  for (char c : needle) {
    if (c == '%' || c == '_' || c == '!') pattern.push_back('!');
    pattern.push_back(c);
  }
  pattern += "%";
  return pattern;
}
}  // namespace

StoreResult<DevicePage> SqliteRecords::devices_page(Id org_id, std::optional<Id> owner,
                                                    const std::string& needle, long limit, long offset) {
  return guarded([&]() -> StoreResult<DevicePage> {
    // SQLite's LIKE ignores ASCII case, as lower() on both sides does in PostgreSQL.
    const std::string where = "WHERE org_id = ? AND (? IS NULL OR owner_id = ?) AND name LIKE ? ESCAPE '!' ";
    const auto pattern = contains_pattern(needle);
    DevicePage page;
    Stmt count(db_, ("SELECT COUNT(*) FROM devices " + where).c_str());
    count.bind(1, org_id).bind(2, owner).bind(3, owner).bind(4, pattern);
    page.total = count.step() ? static_cast<long>(count.int64(0)) : 0;
    Stmt s(
        db_,
        (std::string(kDeviceColumns) + where + "ORDER BY name COLLATE BINARY, id LIMIT ? OFFSET ?").c_str());
    s.bind(1, org_id).bind(2, owner).bind(3, owner).bind(4, pattern);
    s.bind(5, std::int64_t{limit}).bind(6, std::int64_t{offset});
    while (s.step()) page.devices.push_back(device_from(s));
    return page;
  });
}

StoreStatus SqliteRecords::update_device_heartbeat(Id id, int seconds) {
  return guarded([&]() -> StoreStatus {
    Stmt s(db_, "UPDATE devices SET heartbeat_s = ? WHERE id = ?");
    s.bind(1, std::int64_t{seconds}).bind(2, id).exec();
    return done();
  });
}

StoreResult<std::map<std::string, std::string>> SqliteRecords::metadata_of_device(Id device_id) {
  return guarded([&]() -> StoreResult<std::map<std::string, std::string>> {
    Stmt s(db_, "SELECT name, value FROM device_metadata WHERE device_id = ?");
    s.bind(1, device_id);
    std::map<std::string, std::string> out;
    while (s.step()) out[s.text(0)] = s.text(1);
    return out;
  });
}

StoreResult<long> SqliteRecords::count_metadata(Id device_id) {
  return guarded([&]() -> StoreResult<long> {
    return count("SELECT COUNT(*) FROM device_metadata WHERE device_id = ?", device_id);
  });
}

}  // namespace onboard::cloud::sqlite
