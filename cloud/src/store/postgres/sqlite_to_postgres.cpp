#include "onboard/cloud/store/sqlite_to_postgres.hpp"

#include <sqlite3.h>

#include <memory>
#include <set>
#include <vector>

#include <fmt/format.h>

#include "pg_connection.hpp"
#include "pg_schema.hpp"

namespace onboard::cloud::pg {

namespace {

// Parents before children, so that every foreign key finds its row.
const char* const kTables[] = {"orgs",
                               "users",
                               "auth_sessions",
                               "templates",
                               "devices",
                               "provisioning_sessions",
                               "timeline_events",
                               "pin_values",
                               "device_properties",
                               "firmware_images",
                               "shipments",
                               "ota_targets"};

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using SqliteDb = std::unique_ptr<sqlite3, SqliteCloser>;
using SqliteStmt = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

SqliteStmt prepare(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) return nullptr;
  return SqliteStmt(s);
}

std::vector<std::string> sqlite_columns(sqlite3* db, const std::string& table) {
  std::vector<std::string> out;
  auto s = prepare(db, "PRAGMA table_info(" + table + ")");
  while (s && sqlite3_step(s.get()) == SQLITE_ROW)
    out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s.get(), 1)));
  return out;
}

}  // namespace

CopyReport copy_sqlite_to_postgres(const std::string& sqlite_path, const std::string& url) {
  CopyReport report;
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(sqlite_path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    report.error =
        fmt::format("cannot open {}: {}", sqlite_path, raw ? sqlite3_errmsg(raw) : "out of memory");
    sqlite3_close_v2(raw);
    return report;
  }
  SqliteDb db(raw);

  ConnectionSettings settings;
  settings.url = url;
  settings.statement_timeout_ms = 0;  // a big copy may take a while
  Connection conn(settings);
  if (auto e = migrate(conn)) {
    report.error = e->message;
    return report;
  }

  auto failure = conn.transaction([&](Connection& c) -> std::optional<Error> {
    auto orgs = c.exec("SELECT count(*) FROM orgs");
    if (!orgs) return orgs.error();
    if (orgs.int64(0, 0) != 0)
      return Error{ErrorKind::Conflict,
                   "the PostgreSQL database already holds records; migrate into an empty one",
                   {}};
    for (const char* table : kTables) {
      // Columns both sides have: a SQLite file from an older release lacks newer ones,
      // which then take their PostgreSQL defaults.
      auto pg_cols =
          c.exec("SELECT column_name FROM information_schema.columns WHERE table_name = $1", Params(table));
      if (!pg_cols) return pg_cols.error();
      std::set<std::string> in_pg;
      for (int i = 0; i < pg_cols.rows(); ++i) in_pg.insert(pg_cols.text(i, 0));
      std::vector<std::string> columns;
      for (auto& col : sqlite_columns(db.get(), table))
        if (in_pg.count(col) != 0) columns.push_back(col);
      if (columns.empty()) continue;  // the table does not exist in this SQLite file

      const std::string list = fmt::format("{}", fmt::join(columns, ", "));
      std::vector<std::string> placeholders;
      for (std::size_t i = 1; i <= columns.size(); ++i) placeholders.push_back("$" + std::to_string(i));
      const std::string insert =
          fmt::format("INSERT INTO {} ({}) VALUES ({})", table, list, fmt::join(placeholders, ", "));
      auto select = prepare(db.get(), fmt::format("SELECT {} FROM {}", list, table));
      if (!select)
        return Error{
            ErrorKind::Internal, fmt::format("cannot read {}: {}", table, sqlite3_errmsg(db.get())), {}};
      long copied = 0;
      int step = SQLITE_ROW;
      while ((step = sqlite3_step(select.get())) == SQLITE_ROW) {
        Params row;
        for (int i = 0; i < static_cast<int>(columns.size()); ++i) {
          if (sqlite3_column_type(select.get(), i) == SQLITE_NULL) {
            row.add_null();
          } else {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(select.get(), i));
            row.add(std::string_view(text, static_cast<std::size_t>(sqlite3_column_bytes(select.get(), i))));
          }
        }
        if (auto r = c.exec(insert, row); !r) return r.error();
        ++copied;
      }
      if (step != SQLITE_DONE)
        return Error{ErrorKind::Internal, fmt::format("reading {}: {}", table, sqlite3_errmsg(db.get())), {}};
      report.rows[table] = copied;
      // Ids were copied as they were: new rows must be numbered after them.
      if (in_pg.count("id") != 0 && std::string(table) != "templates") {
        auto seq =
            c.exec(fmt::format("SELECT setval(pg_get_serial_sequence('{0}', 'id'), "
                               "coalesce((SELECT max(id) FROM {0}), 0) + 1, false)",
                               table));
        if (!seq) return seq.error();
      }
    }
    return std::nullopt;
  });
  if (failure) {
    report.error = failure->message;
    report.rows.clear();
  }
  return report;
}

}  // namespace onboard::cloud::pg
