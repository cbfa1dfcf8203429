// `onboard-cloud migrate --from DATA_DIR --db-url URL`: a SQLite data directory's records
// into PostgreSQL, for a move to several nodes (docs/scaling.md).
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "onboard/cloud/store/sqlite_to_postgres.hpp"

namespace onboard::cloud {

CLI::App* add_migrate_command(CLI::App& app, MigrateOptions& o) {
  auto* m = app.add_subcommand("migrate",
                               "copy a SQLite data directory's records into an empty PostgreSQL database");
  m->add_option("--from", o.from, "the data directory of a SQLite-backed onboard-cloud (stopped)")
      ->required();
  m->add_option("--db-url", o.db_url, "postgresql://user[:password]@host[:port]/database")->required();
  m->footer(
      "example: onboard-cloud migrate --from /var/lib/onboard --db-url "
      "postgresql://onboard@db.internal/onboard");
  return m;
}

int run_migrate(const MigrateOptions& o) {
  const auto path = database_path(o.from);
  if (!std::filesystem::exists(path)) {
    std::cerr << "onboard-cloud migrate: no database at " << path << "\n";
    return 1;
  }
  auto report = pg::copy_sqlite_to_postgres(path, o.db_url);
  if (!report.error.empty()) {
    std::cerr << "onboard-cloud migrate: " << report.error << " (nothing was copied)\n";
    return 1;
  }
  for (const auto& [table, rows] : report.rows) std::cout << table << ": " << rows << " rows\n";
  std::cout << "migrated " << path << " into PostgreSQL\n";
  return 0;
}

}  // namespace onboard::cloud
