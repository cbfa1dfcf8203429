// Firmware images, shipments and their devices in SQLite.
#include "record_rows.hpp"
#include "sqlite_store.hpp"

namespace onboard::cloud::sqlite {

namespace {
using rows::firmware_from;
using rows::kFirmwareColumns;
using rows::kShipmentColumns;
using rows::kTargetColumns;
using rows::shipment_from;
using rows::target_from;

void bind_target(Stmt& s, const OtaTarget& t) {
  s.bind(1, std::string(to_string(t.status))).bind(2, t.reason).bind(3, t.progress).bind(4, t.served);
  s.bind(5, std::int64_t{t.attempts}).bind(6, t.window_start).bind(7, t.token_hash);
  s.bind(8, t.previous_token_hash).bind(9, t.from_version).bind(10, t.updated_at);
  s.bind(11, t.shipment_id).bind(12, t.device_id);
}
}  // namespace

StoreResult<Id> SqliteRecords::insert_firmware(const FirmwareImage& f) {
  return guarded([&]() -> StoreResult<Id> {
    Stmt s(db_,
           "INSERT INTO firmware_images (template_id, org_id, version, build, size, sha256, md5, file, "
           "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, f.template_id).bind(2, f.org_id).bind(3, f.version).bind(4, f.build).bind(5, f.size);
    s.bind(6, f.sha256).bind(7, f.md5).bind(8, f.file).bind(9, f.created_at);
    if (!s.run()) return store_failure(StoreErrorKind::Conflict, "this image was already uploaded");
    return Id{db_.last_insert_id()};
  });
}

StoreResult<std::optional<FirmwareImage>> SqliteRecords::firmware_by_id(Id id) {
  return guarded([&]() -> StoreResult<std::optional<FirmwareImage>> {
    Stmt s(db_, (std::string(kFirmwareColumns) + "WHERE id = ?").c_str());
    s.bind(1, id);
    if (!s.step()) return std::optional<FirmwareImage>();
    return std::optional<FirmwareImage>(firmware_from(s));
  });
}

StoreResult<std::vector<FirmwareImage>> SqliteRecords::firmware_of_template(const std::string& template_id) {
  return guarded([&]() -> StoreResult<std::vector<FirmwareImage>> {
    Stmt s(db_, (std::string(kFirmwareColumns) + "WHERE template_id = ? ORDER BY id DESC").c_str());
    s.bind(1, template_id);
    std::vector<FirmwareImage> out;
    while (s.step()) out.push_back(firmware_from(s));
    return out;
  });
}

StoreResult<Id> SqliteRecords::insert_shipment(const Shipment& sh) {
  return guarded([&]() -> StoreResult<Id> {
    Stmt s(db_,
           "INSERT INTO shipments (org_id, firmware_id, send_condition, attempts_per_day, state, created_by, "
           "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, sh.org_id).bind(2, sh.firmware_id).bind(3, std::string(to_string(sh.condition)));
    s.bind(4, std::int64_t{sh.attempts_per_day})
        .bind(5, sh.state)
        .bind(6, sh.created_by)
        .bind(7, sh.created_at);
    s.exec();
    return Id{db_.last_insert_id()};
  });
}

StoreResult<std::optional<Shipment>> SqliteRecords::shipment_by_id(Id id) {
  return guarded([&]() -> StoreResult<std::optional<Shipment>> {
    Stmt s(db_, (std::string(kShipmentColumns) + "WHERE id = ?").c_str());
    s.bind(1, id);
    if (!s.step()) return std::optional<Shipment>();
    return std::optional<Shipment>(shipment_from(s));
  });
}

StoreStatus SqliteRecords::update_shipment_state(Id id, const std::string& state) {
  return guarded([&]() -> StoreStatus {
    Stmt s(db_, "UPDATE shipments SET state = ? WHERE id = ?");
    s.bind(1, state).bind(2, id).exec();
    return done();
  });
}

StoreStatus SqliteRecords::insert_ota_target(const OtaTarget& t) {
  return guarded([&]() -> StoreStatus {
    Stmt s(db_,
           "INSERT INTO ota_targets (status, reason, progress, served, attempts, window_start, token_hash, "
           "previous_token_hash, from_version, updated_at, shipment_id, device_id) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    bind_target(s, t);
    if (!s.run()) return store_failure(StoreErrorKind::Conflict, "the device is already in this shipment");
    return done();
  });
}

StoreStatus SqliteRecords::update_ota_target(const OtaTarget& t) {
  return guarded([&]() -> StoreStatus {
    Stmt s(db_,
           "UPDATE ota_targets SET status = ?, reason = ?, progress = ?, served = ?, attempts = ?, "
           "window_start = ?, token_hash = ?, previous_token_hash = ?, from_version = ?, updated_at = ? "
           "WHERE shipment_id = ? AND device_id = ?");
    bind_target(s, t);
    s.exec();
    return done();
  });
}

StoreResult<std::vector<OtaTarget>> SqliteRecords::ota_targets_of_shipment(Id shipment_id) {
  return guarded([&]() -> StoreResult<std::vector<OtaTarget>> {
    Stmt s(db_, (std::string(kTargetColumns) + "WHERE shipment_id = ? ORDER BY device_id").c_str());
    s.bind(1, shipment_id);
    std::vector<OtaTarget> out;
    while (s.step()) out.push_back(target_from(s));
    return out;
  });
}

StoreResult<std::vector<OtaTarget>> SqliteRecords::open_ota_targets_of_device(Id device_id) {
  return guarded([&]() -> StoreResult<std::vector<OtaTarget>> {
    Stmt s(db_,
           (std::string(kTargetColumns) +
            "WHERE device_id = ? AND status NOT IN ('success', 'failed', 'rollback') ORDER BY shipment_id")
               .c_str());
    s.bind(1, device_id);
    std::vector<OtaTarget> out;
    while (s.step()) out.push_back(target_from(s));
    return out;
  });
}

StoreResult<std::optional<OtaTarget>> SqliteRecords::ota_target_by_token(const std::string& hash) {
  return guarded([&]() -> StoreResult<std::optional<OtaTarget>> {
    if (hash.empty()) return std::optional<OtaTarget>();
    Stmt s(db_, (std::string(kTargetColumns) + "WHERE token_hash = ? OR previous_token_hash = ?").c_str());
    s.bind(1, hash).bind(2, hash);
    if (!s.step()) return std::optional<OtaTarget>();
    return std::optional<OtaTarget>(target_from(s));
  });
}

}  // namespace onboard::cloud::sqlite
