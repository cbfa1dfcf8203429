// `onboard-cloud migrate`: copies every record of a SQLite data directory's database into
// an empty PostgreSQL database, in one transaction, ids kept (tokens and sessions stay valid).
#pragma once

#include <map>
#include <string>

namespace onboard::cloud::pg {

struct CopyReport {
  std::string error;                 // empty: copied and committed
  std::map<std::string, long> rows;  // per table
};

// `sqlite_path` is opened read-only; `url` is migrated to the newest schema first and must
// hold no organization yet (a second run refuses instead of doubling rows).
CopyReport copy_sqlite_to_postgres(const std::string& sqlite_path, const std::string& url);

}  // namespace onboard::cloud::pg
