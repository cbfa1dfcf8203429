// Schema migrations, versioned in code. Never edit a step once released: add one.
// Portable SQL only (types INTEGER/TEXT/BIGINT, no SQLite-only syntax in tables).
#include <iterator>

#include "sqlite_db.hpp"

namespace onboard::cloud::sqlite {

namespace {

const char* const kMigrations[] = {
    // 1: accounts, templates, provisioning, devices, timeline, pins.
    R"sql(
CREATE TABLE orgs (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL
);
CREATE TABLE auth_sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at BIGINT NOT NULL
);
CREATE TABLE templates (
  id TEXT PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE devices (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  owner_id INTEGER NOT NULL REFERENCES users(id),
  template_id TEXT NOT NULL REFERENCES templates(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  firmware TEXT NOT NULL DEFAULT '',
  activated_at BIGINT NOT NULL,
  last_seen BIGINT NOT NULL DEFAULT 0,
  UNIQUE (org_id, name)
);
CREATE TABLE provisioning_sessions (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  template_id TEXT NOT NULL REFERENCES templates(id),
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  requester_id INTEGER NOT NULL REFERENCES users(id),
  device_id INTEGER REFERENCES devices(id) ON DELETE SET NULL,
  state TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  reconfigure INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE timeline_events (
  id INTEGER PRIMARY KEY,
  device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  ts BIGINT NOT NULL,
  type TEXT NOT NULL,
  code TEXT NOT NULL,
  description TEXT NOT NULL
);
CREATE INDEX timeline_events_device ON timeline_events(device_id, ts);
CREATE TABLE pin_values (
  device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  pin TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (device_id, pin)
);
CREATE TABLE device_properties (
  device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  pin TEXT NOT NULL,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (device_id, pin, name)
);
)sql",
    // 2: a reconfigure keeps the token it replaced until the device uses the new one on a
    // later connection: a device cut off before it saved the new one comes back with the old.
    R"sql(
ALTER TABLE devices ADD COLUMN previous_token_hash TEXT;
CREATE UNIQUE INDEX devices_previous_token ON devices(previous_token_hash);
)sql",
    // 3: /healthz proves the store can write; provisioning sessions counted per requester.
    R"sql(
CREATE TABLE health (
  id INTEGER PRIMARY KEY,
  ts BIGINT NOT NULL
);
CREATE INDEX provisioning_sessions_requester ON provisioning_sessions(requester_id, created_at);
CREATE INDEX provisioning_sessions_expiry ON provisioning_sessions(expires_at);
)sql",
    // 4: the steps of a provisioning session and when they happened; the heartbeat a
    // device last announced; the organization's sessions listed newest first.
    R"sql(
ALTER TABLE provisioning_sessions ADD COLUMN connected_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE provisioning_sessions ADD COLUMN finished_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE devices ADD COLUMN heartbeat_s INTEGER NOT NULL DEFAULT 0;
CREATE INDEX provisioning_sessions_org ON provisioning_sessions(org_id, created_at);
)sql",
    // 5: firmware images per template, shipments and each device's progress in one.
    R"sql(
CREATE TABLE firmware_images (
  id INTEGER PRIMARY KEY,
  template_id TEXT NOT NULL REFERENCES templates(id),
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  version TEXT NOT NULL,
  build TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  md5 TEXT NOT NULL,
  file TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (template_id, sha256)
);
CREATE TABLE shipments (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  firmware_id INTEGER NOT NULL REFERENCES firmware_images(id),
  send_condition TEXT NOT NULL,
  attempts_per_day INTEGER NOT NULL,
  state TEXT NOT NULL,
  created_by INTEGER NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE ota_targets (
  shipment_id INTEGER NOT NULL REFERENCES shipments(id),
  device_id INTEGER NOT NULL,
  status TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  progress BIGINT NOT NULL DEFAULT 0,
  served BIGINT NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  window_start BIGINT NOT NULL DEFAULT 0,
  token_hash TEXT NOT NULL DEFAULT '',
  previous_token_hash TEXT NOT NULL DEFAULT '',
  from_version TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (shipment_id, device_id)
);
CREATE INDEX ota_targets_device ON ota_targets(device_id, status);
CREATE INDEX ota_targets_token ON ota_targets(token_hash);
CREATE INDEX ota_targets_previous_token ON ota_targets(previous_token_hash);
)sql",
};

}  // namespace

int schema_version(Db& db) {
  Stmt s(db, "PRAGMA user_version");
  return s.step() ? static_cast<int>(s.int64(0)) : 0;
}

void migrate(Db& db) {
  const int target = static_cast<int>(std::size(kMigrations));
  for (int version = schema_version(db); version < target; ++version) {
    Transaction tx(db);
    db.exec(kMigrations[version]);
    db.exec(("PRAGMA user_version = " + std::to_string(version + 1)).c_str());
    tx.commit();
  }
}

}  // namespace onboard::cloud::sqlite
