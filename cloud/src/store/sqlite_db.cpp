#include "sqlite_db.hpp"

#include <fmt/format.h>

namespace onboard::cloud::sqlite {

StoreErrorKind kind_of(int sqlite_code) {
  switch (sqlite_code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return StoreErrorKind::Busy;
    case SQLITE_FULL: return StoreErrorKind::DiskFull;
    case SQLITE_CONSTRAINT: return StoreErrorKind::Conflict;
    case SQLITE_NOTFOUND: return StoreErrorKind::NotFound;
    case SQLITE_CANTOPEN:
    case SQLITE_NOMEM:
    case SQLITE_AUTH:
    case SQLITE_PERM: return StoreErrorKind::Unavailable;
    default: return StoreErrorKind::Io;
  }
}

Db::Db(const std::string& path, int busy_timeout_ms) {
  if (const int rc = sqlite3_open_v2(
          path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
      rc != SQLITE_OK) {
    std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw Failure{{kind_of(rc), fmt::format("cannot open {}: {}", path, message)}};
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, busy_timeout_ms);
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=NORMAL");
  exec("PRAGMA foreign_keys=ON");
}

Db::~Db() {
  for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.stmt);
  sqlite3_close_v2(db_);
}

void Db::exec(const char* sql) {
  char* error = nullptr;
  if (const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error); rc != SQLITE_OK) {
    std::string message = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    throw Failure{{kind_of(rc), fmt::format("sqlite: {} (in: {:.60})", message, sql)}};
  }
}

void Db::fail(const char* what) const {
  throw Failure{
      {kind_of(sqlite3_extended_errcode(db_)), fmt::format("sqlite {}: {}", what, sqlite3_errmsg(db_))}};
}

Stmt::Stmt(Db& db, const char* sql) : db_(db) {
  const std::string_view text(sql);
  auto it = db.cache_.find(text);
  if (it != db.cache_.end() && !it->second.in_use) {
    cached_ = &it->second;
    cached_->in_use = true;
    stmt_ = cached_->stmt;
    return;
  }
  if (sqlite3_prepare_v2(db.handle(), sql, static_cast<int>(text.size()), &stmt_, nullptr) != SQLITE_OK) {
    db.fail("prepare");
  }
  if (it == db.cache_.end()) {
    // Element addresses in an unordered_map survive rehashing, so cached_ stays valid.
    cached_ = &db.cache_.emplace(std::string(text), Db::Cached{stmt_, true}).first->second;
  }
}

Stmt::~Stmt() {
  if (cached_ == nullptr) {
    sqlite3_finalize(stmt_);
    return;
  }
  // Reset ends the statement's read of the database (a WAL checkpoint would
  // otherwise wait for it) and drops the bound copies of text values.
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  cached_->in_use = false;
}

Stmt& Stmt::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) db_.fail("bind");
  return *this;
}

Stmt& Stmt::bind(int index, std::string_view value) {
  if (sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT) !=
      SQLITE_OK) {
    db_.fail("bind");
  }
  return *this;
}

Stmt& Stmt::bind(int index, const std::optional<std::int64_t>& value) {
  return value ? bind(index, *value) : bind_null(index);
}

Stmt& Stmt::bind_null(int index) {
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) db_.fail("bind");
  return *this;
}

bool Stmt::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_.fail("step");
}

bool Stmt::run() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_DONE || rc == SQLITE_ROW) return true;
  // Extended result codes are on: a taken key reads as UNIQUE or PRIMARYKEY.
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) return false;
  db_.fail("step");
}

void Stmt::exec() {
  const int rc = sqlite3_step(stmt_);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) db_.fail("step");
}

std::string Stmt::text(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  if (p == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

}  // namespace onboard::cloud::sqlite
