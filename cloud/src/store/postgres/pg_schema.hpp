// The PostgreSQL schema, versioned in code like the SQLite one: each step a transaction,
// and several nodes starting at once serialize on an advisory lock, so each step runs once.
#pragma once

#include <optional>

#include "pg_connection.hpp"

namespace onboard::cloud::pg {

// Brings the database to the newest schema version.
std::optional<Error> migrate(Connection& conn);
// The version the database is at (0: empty), or an error.
int schema_version(Connection& conn, std::optional<Error>& error);
int latest_schema_version();

}  // namespace onboard::cloud::pg
