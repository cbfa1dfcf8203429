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
    // 4: a reconfigure's replaced token has a deadline; metadata the device sets (Blynk's `meta`).
    R"sql(
ALTER TABLE devices ADD COLUMN previous_token_until BIGINT;
CREATE TABLE device_metadata (
  device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (device_id, name)
);
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
