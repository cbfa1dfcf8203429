// Firmware images, shipments and their devices in PostgreSQL.
#include "pg_store.hpp"

namespace onboard::cloud::pg {

namespace {
constexpr const char* kFirmwareColumns =
    "SELECT id, template_id, org_id, version, build, size, sha256, md5, file, created_at FROM "
    "firmware_images ";
constexpr const char* kShipmentColumns =
    "SELECT id, org_id, firmware_id, send_condition, attempts_per_day, state, created_by, created_at FROM "
    "shipments ";
constexpr const char* kTargetColumns =
    "SELECT shipment_id, device_id, status, reason, progress, served, attempts, window_start, token_hash, "
    "previous_token_hash, from_version, updated_at FROM ota_targets ";

FirmwareImage firmware_from(const Result& r, int i) {
  FirmwareImage f;
  f.id = r.int64(i, 0);
  f.template_id = r.text(i, 1);
  f.org_id = r.int64(i, 2);
  f.version = r.text(i, 3);
  f.build = r.text(i, 4);
  f.size = r.int64(i, 5);
  f.sha256 = r.text(i, 6);
  f.md5 = r.text(i, 7);
  f.file = r.text(i, 8);
  f.created_at = r.int64(i, 9);
  return f;
}

Shipment shipment_from(const Result& r, int i) {
  Shipment sh;
  sh.id = r.int64(i, 0);
  sh.org_id = r.int64(i, 1);
  sh.firmware_id = r.int64(i, 2);
  sh.condition = shipment_condition_from(r.text(i, 3)).value_or(ShipmentCondition::LowerVersion);
  sh.attempts_per_day = static_cast<int>(r.int64(i, 4));
  sh.state = r.text(i, 5);
  sh.created_by = r.int64(i, 6);
  sh.created_at = r.int64(i, 7);
  return sh;
}

OtaTarget target_from(const Result& r, int i) {
  OtaTarget t;
  t.shipment_id = r.int64(i, 0);
  t.device_id = r.int64(i, 1);
  t.status = ota_status_from(r.text(i, 2)).value_or(OtaStatus::Failed);
  t.reason = r.text(i, 3);
  t.progress = r.int64(i, 4);
  t.served = r.int64(i, 5);
  t.attempts = static_cast<int>(r.int64(i, 6));
  t.window_start = r.int64(i, 7);
  t.token_hash = r.text(i, 8);
  t.previous_token_hash = r.text(i, 9);
  t.from_version = r.text(i, 10);
  t.updated_at = r.int64(i, 11);
  return t;
}

Params target_params(const OtaTarget& t) {
  return Params(std::string(to_string(t.status)), t.reason, t.progress, t.served, t.attempts, t.window_start,
                t.token_hash, t.previous_token_hash, t.from_version, t.updated_at, t.shipment_id,
                t.device_id);
}
}  // namespace

StoreResult<Id> PgRecords::insert_firmware(const FirmwareImage& f) {
  auto r =
      run("INSERT INTO firmware_images (template_id, org_id, version, build, size, sha256, md5, file, "
          "created_at) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING id",
          Params(f.template_id, f.org_id, f.version, f.build, f.size, f.sha256, f.md5, f.file, f.created_at));
  if (!r) return failed(r);
  if (r.empty()) return store_failure(StoreErrorKind::Conflict, "this image was already uploaded");
  return Id{r.int64(0, 0)};
}

StoreResult<std::optional<FirmwareImage>> PgRecords::firmware_by_id(Id id) {
  auto r = run(std::string(kFirmwareColumns) + "WHERE id = $1", Params(id));
  if (!r) return failed(r);
  if (r.empty()) return std::optional<FirmwareImage>();
  return std::optional<FirmwareImage>(firmware_from(r, 0));
}

StoreResult<std::vector<FirmwareImage>> PgRecords::firmware_of_template(const std::string& template_id) {
  auto r =
      run(std::string(kFirmwareColumns) + "WHERE template_id = $1 ORDER BY id DESC", Params(template_id));
  if (!r) return failed(r);
  std::vector<FirmwareImage> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(firmware_from(r, i));
  return out;
}

StoreResult<Id> PgRecords::insert_shipment(const Shipment& sh) {
  auto r =
      run("INSERT INTO shipments (org_id, firmware_id, send_condition, attempts_per_day, state, created_by, "
          "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
          Params(sh.org_id, sh.firmware_id, std::string(to_string(sh.condition)), sh.attempts_per_day,
                 sh.state, sh.created_by, sh.created_at));
  if (!r) return failed(r);
  return Id{r.int64(0, 0)};
}

StoreResult<std::optional<Shipment>> PgRecords::shipment_by_id(Id id) {
  auto r = run(std::string(kShipmentColumns) + "WHERE id = $1", Params(id));
  if (!r) return failed(r);
  if (r.empty()) return std::optional<Shipment>();
  return std::optional<Shipment>(shipment_from(r, 0));
}

StoreStatus PgRecords::update_shipment_state(Id id, const std::string& state) {
  auto r = run("UPDATE shipments SET state = $1 WHERE id = $2", Params(state, id));
  if (!r) return failed(r);
  return done();
}

StoreStatus PgRecords::insert_ota_target(const OtaTarget& t) {
  auto r = run(
      "INSERT INTO ota_targets (status, reason, progress, served, attempts, window_start, token_hash, "
      "previous_token_hash, from_version, updated_at, shipment_id, device_id) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING RETURNING device_id",
      target_params(t));
  if (!r) return failed(r);
  if (r.empty()) return store_failure(StoreErrorKind::Conflict, "the device is already in this shipment");
  return done();
}

StoreStatus PgRecords::update_ota_target(const OtaTarget& t) {
  auto r =
      run("UPDATE ota_targets SET status = $1, reason = $2, progress = $3, served = $4, attempts = $5, "
          "window_start = $6, token_hash = $7, previous_token_hash = $8, from_version = $9, updated_at = $10 "
          "WHERE shipment_id = $11 AND device_id = $12",
          target_params(t));
  if (!r) return failed(r);
  return done();
}

StoreResult<std::vector<OtaTarget>> PgRecords::ota_targets_of_shipment(Id shipment_id) {
  auto r =
      run(std::string(kTargetColumns) + "WHERE shipment_id = $1 ORDER BY device_id", Params(shipment_id));
  if (!r) return failed(r);
  std::vector<OtaTarget> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(target_from(r, i));
  return out;
}

StoreResult<std::vector<OtaTarget>> PgRecords::open_ota_targets_of_device(Id device_id) {
  auto r =
      run(std::string(kTargetColumns) +
              "WHERE device_id = $1 AND status NOT IN ('success', 'failed', 'rollback') ORDER BY shipment_id",
          Params(device_id));
  if (!r) return failed(r);
  std::vector<OtaTarget> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(target_from(r, i));
  return out;
}

StoreResult<std::optional<OtaTarget>> PgRecords::ota_target_by_token(const std::string& hash) {
  if (hash.empty()) return std::optional<OtaTarget>();
  auto r =
      run(std::string(kTargetColumns) + "WHERE token_hash = $1 OR previous_token_hash = $1", Params(hash));
  if (!r) return failed(r);
  if (r.empty()) return std::optional<OtaTarget>();
  return std::optional<OtaTarget>(target_from(r, 0));
}

}  // namespace onboard::cloud::pg
