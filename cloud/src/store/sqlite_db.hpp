// Thin RAII wrappers over the SQLite C API: a connection and prepared
// statements with typed bind/column helpers. Internal to the SQLite store:
// failures are thrown as sqlite::Failure and become values at its boundary.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "onboard/cloud/store/store_result.hpp"

namespace onboard::cloud::sqlite {

// What a failed SQLite call says, as the store boundary reports it.
struct Failure {
  StoreFailure failure;
};
StoreErrorKind kind_of(int sqlite_code);

class Stmt;

class Db {
 public:
  Db(const std::string& path, int busy_timeout_ms);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  sqlite3* handle() const { return db_; }
  void exec(const char* sql);
  std::int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
  int changes() const { return sqlite3_changes(db_); }
  [[noreturn]] void fail(const char* what) const;

 private:
  friend class Stmt;
  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  // Transparent lookup: finding a statement needs no std::string copy of its SQL.
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
  };

  sqlite3* db_ = nullptr;
  // Prepared statements by SQL text, kept for the connection's life: the
  // store runs a few dozen distinct statements, and parsing them anew on
  // every call led the activation profile (sqlite3Parser). Bounded by the
  // number of distinct SQL texts in the store. Used under the store's mutex only.
  std::unordered_map<std::string, Cached, SqlHash, std::equal_to<>> cache_;
};

// A prepared statement: the connection's cached one for this SQL when it is
// free (reset and given back on destruction), or a private one when the same
// SQL is already in use further up the stack.
class Stmt {
 public:
  Stmt(Db& db, const char* sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& bind(int index, std::int64_t value);
  Stmt& bind(int index, std::string_view value);
  Stmt& bind(int index, const std::optional<std::int64_t>& value);
  Stmt& bind_null(int index);

  // true while a row is available; false when done. Throws on error.
  bool step();
  // Runs to completion (for INSERT/UPDATE/DELETE). Returns false on a UNIQUE violation.
  [[nodiscard]] bool run();
  // Runs to completion; a UNIQUE violation is a failure too.
  void exec();
  // Ready to run again with new bindings.
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  std::int64_t int64(int column) const { return sqlite3_column_int64(stmt_, column); }
  bool is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::string text(int column) const;
  std::optional<std::int64_t> opt_int64(int column) const {
    return is_null(column) ? std::nullopt : std::optional<std::int64_t>(int64(column));
  }

 private:
  Db& db_;
  sqlite3_stmt* stmt_ = nullptr;
  Db::Cached* cached_ = nullptr;  // null: stmt_ is private and finalized on destruction
};

// BEGIN IMMEDIATE (or, for reads, BEGIN) ... COMMIT, rolled back when not committed.
class Transaction {
 public:
  explicit Transaction(Db& db, bool write = true) : db_(db) { db_.exec(write ? "BEGIN IMMEDIATE" : "BEGIN"); }
  ~Transaction() {
    if (!done_ && sqlite3_get_autocommit(db_.handle()) == 0)
      sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit() {
    db_.exec("COMMIT");
    done_ = true;
  }

 private:
  Db& db_;
  bool done_ = false;
};

// Brings the schema to the newest version; each step runs in its own transaction.
void migrate(Db& db);
int schema_version(Db& db);

}  // namespace onboard::cloud::sqlite
