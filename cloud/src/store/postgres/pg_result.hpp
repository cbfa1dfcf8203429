// A statement's outcome as a value: its rows (owned PGresult, typed column readers) or
// the Error; and Params, the values bound to $1, $2, ... (text format, NULL allowed).
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pg_error.hpp"

namespace onboard::cloud::pg {

class Params {
 public:
  Params() = default;
  template <typename... Values>
  explicit Params(const Values&... values) {
    (add(values), ...);
  }

  Params& add(std::int64_t value);
  Params& add(int value) { return add(static_cast<std::int64_t>(value)); }
  Params& add(bool value) { return add(static_cast<std::int64_t>(value ? 1 : 0)); }
  Params& add(std::string_view value);
  Params& add(const std::string& value) { return add(std::string_view(value)); }
  Params& add(const char* value) { return add(std::string_view(value)); }
  Params& add(const std::optional<std::int64_t>& value);
  Params& add(const std::optional<std::string>& value);
  Params& add_null();

  int size() const { return static_cast<int>(values_.size()); }
  // Pointers for libpq, valid while this object is unchanged.
  std::vector<const char*> pointers() const;
  std::vector<int> lengths() const;

 private:
  std::vector<std::string> values_;
  std::vector<bool> nulls_;
};

class Result {
 public:
  explicit Result(Error error) : error_(std::move(error)) {}
  explicit Result(PGresult* rows) : rows_(rows, PQclear) {}

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return *error_; }

  int rows() const { return rows_ ? PQntuples(rows_.get()) : 0; }
  bool empty() const { return rows() == 0; }
  // Rows changed by INSERT/UPDATE/DELETE.
  long affected() const;
  // The command tag: "INSERT 0 1", "COMMIT", or "ROLLBACK" for a COMMIT of a failed transaction.
  std::string tag() const { return rows_ ? PQcmdStatus(rows_.get()) : ""; }

  bool is_null(int row, int column) const { return PQgetisnull(rows_.get(), row, column) != 0; }
  std::string text(int row, int column) const;
  std::int64_t int64(int row, int column) const;
  std::optional<std::int64_t> opt_int64(int row, int column) const {
    return is_null(row, column) ? std::nullopt : std::optional<std::int64_t>(int64(row, column));
  }

  class Row;
  // One row, read by column as SQLite's Stmt reads its current one (the stores' record readers).
  Row row(int index) const;

 private:
  std::optional<Error> error_;
  std::shared_ptr<PGresult> rows_;
};

class Result::Row {
 public:
  Row(const Result& result, int index) : result_(result), index_(index) {}
  bool is_null(int column) const { return result_.is_null(index_, column); }
  std::string text(int column) const { return result_.text(index_, column); }
  std::int64_t int64(int column) const { return result_.int64(index_, column); }
  std::optional<std::int64_t> opt_int64(int column) const { return result_.opt_int64(index_, column); }

 private:
  const Result& result_;
  int index_;
};

inline Result::Row Result::row(int index) const {
  return Row(*this, index);
}

}  // namespace onboard::cloud::pg
