// Firmware images, shipments and their devices in PostgreSQL.
#include "../record_rows.hpp"
#include "pg_store.hpp"

namespace onboard::cloud::pg {

namespace {
using rows::kFirmwareColumns;
using rows::kShipmentColumns;
using rows::kTargetColumns;

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
  return std::optional<FirmwareImage>(rows::firmware_from(r.row(0)));
}

StoreResult<std::vector<FirmwareImage>> PgRecords::firmware_of_template(const std::string& template_id) {
  auto r =
      run(std::string(kFirmwareColumns) + "WHERE template_id = $1 ORDER BY id DESC", Params(template_id));
  if (!r) return failed(r);
  std::vector<FirmwareImage> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(rows::firmware_from(r.row(i)));
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
  return std::optional<Shipment>(rows::shipment_from(r.row(0)));
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
  for (int i = 0; i < r.rows(); ++i) out.push_back(rows::target_from(r.row(i)));
  return out;
}

StoreResult<std::vector<OtaTarget>> PgRecords::open_ota_targets_of_device(Id device_id) {
  auto r =
      run(std::string(kTargetColumns) +
              "WHERE device_id = $1 AND status NOT IN ('success', 'failed', 'rollback') ORDER BY shipment_id",
          Params(device_id));
  if (!r) return failed(r);
  std::vector<OtaTarget> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(rows::target_from(r.row(i)));
  return out;
}

StoreResult<std::optional<OtaTarget>> PgRecords::ota_target_by_token(const std::string& hash) {
  if (hash.empty()) return std::optional<OtaTarget>();
  auto r =
      run(std::string(kTargetColumns) + "WHERE token_hash = $1 OR previous_token_hash = $1", Params(hash));
  if (!r) return failed(r);
  if (r.empty()) return std::optional<OtaTarget>();
  return std::optional<OtaTarget>(rows::target_from(r.row(0)));
}

}  // namespace onboard::cloud::pg
