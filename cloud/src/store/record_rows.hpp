// The columns each record is read from, in one order for both stores (SQLite and PostgreSQL),
// and the readers that map a row of them to the record: `onboard-cloud migrate` copies rows
// column for column, so the two stores must never disagree on either.
#pragma once

#include "onboard/cloud/domain/ota_types.hpp"
#include "onboard/cloud/domain/roles.hpp"
#include "onboard/cloud/domain/types.hpp"
#include "onboard/cloud/store/store.hpp"

namespace onboard::cloud::rows {

// A Row reads its columns by index: int64(i), text(i), is_null(i), opt_int64(i) (SQLite's Stmt
// on its current row, a PostgreSQL Result's row()).

inline constexpr const char* kUserColumns = "SELECT id, org_id, email, password_hash, role FROM users ";

template <typename Row>
User user_from(const Row& row) {
  User u;
  u.id = row.int64(0);
  u.org_id = row.int64(1);
  u.email = row.text(2);
  u.password_hash = row.text(3);
  u.role = role_from(row.text(4)).value_or(Role::User);
  return u;
}

inline constexpr const char* kDeviceColumns =
    "SELECT id, org_id, owner_id, template_id, name, token_hash, firmware, activated_at, last_seen, "
    "previous_token_hash, heartbeat_s, previous_token_until FROM devices ";

template <typename Row>
Device device_from(const Row& row) {
  Device d;
  d.id = row.int64(0);
  d.org_id = row.int64(1);
  d.owner_id = row.int64(2);
  d.template_id = row.text(3);
  d.name = row.text(4);
  d.token_hash = row.text(5);
  d.firmware = row.text(6);
  d.activated_at = row.int64(7);
  d.last_seen = row.int64(8);
  if (!row.is_null(9)) d.previous_token_hash = row.text(9);
  d.heartbeat_s = static_cast<int>(row.int64(10));
  if (!row.is_null(11)) d.previous_token_until = row.int64(11);
  return d;
}

inline constexpr const char* kSessionColumns =
    "SELECT id, token_hash, template_id, org_id, requester_id, device_id, state, reason, created_at, "
    "expires_at, reconfigure, connected_at, finished_at FROM provisioning_sessions ";

template <typename Row>
ProvisioningSession session_from(const Row& row) {
  ProvisioningSession p;
  p.id = row.int64(0);
  p.token_hash = row.text(1);
  p.template_id = row.text(2);
  p.org_id = row.int64(3);
  p.requester_id = row.int64(4);
  p.device_id = row.opt_int64(5);
  p.state = provisioning_state_from(row.text(6)).value_or(ProvisioningState::Failed);
  p.reason = row.text(7);
  p.created_at = row.int64(8);
  p.expires_at = row.int64(9);
  p.reconfigure = row.int64(10) != 0;
  p.connected_at = row.int64(11);
  p.finished_at = row.int64(12);
  return p;
}

inline constexpr const char* kFirmwareColumns =
    "SELECT id, template_id, org_id, version, build, size, sha256, md5, file, created_at FROM "
    "firmware_images ";

template <typename Row>
FirmwareImage firmware_from(const Row& row) {
  FirmwareImage f;
  f.id = row.int64(0);
  f.template_id = row.text(1);
  f.org_id = row.int64(2);
  f.version = row.text(3);
  f.build = row.text(4);
  f.size = row.int64(5);
  f.sha256 = row.text(6);
  f.md5 = row.text(7);
  f.file = row.text(8);
  f.created_at = row.int64(9);
  return f;
}

inline constexpr const char* kShipmentColumns =
    "SELECT id, org_id, firmware_id, send_condition, attempts_per_day, state, created_by, created_at FROM "
    "shipments ";

template <typename Row>
Shipment shipment_from(const Row& row) {
  Shipment sh;
  sh.id = row.int64(0);
  sh.org_id = row.int64(1);
  sh.firmware_id = row.int64(2);
  sh.condition = shipment_condition_from(row.text(3)).value_or(ShipmentCondition::LowerVersion);
  sh.attempts_per_day = static_cast<int>(row.int64(4));
  sh.state = row.text(5);
  sh.created_by = row.int64(6);
  sh.created_at = row.int64(7);
  return sh;
}

inline constexpr const char* kTargetColumns =
    "SELECT shipment_id, device_id, status, reason, progress, served, attempts, window_start, token_hash, "
    "previous_token_hash, from_version, updated_at FROM ota_targets ";

template <typename Row>
OtaTarget target_from(const Row& row) {
  OtaTarget t;
  t.shipment_id = row.int64(0);
  t.device_id = row.int64(1);
  t.status = ota_status_from(row.text(2)).value_or(OtaStatus::Failed);
  t.reason = row.text(3);
  t.progress = row.int64(4);
  t.served = row.int64(5);
  t.attempts = static_cast<int>(row.int64(6));
  t.window_start = row.int64(7);
  t.token_hash = row.text(8);
  t.previous_token_hash = row.text(9);
  t.from_version = row.text(10);
  t.updated_at = row.int64(11);
  return t;
}

}  // namespace onboard::cloud::rows
