#include "pg_connection.hpp"

#include <fmt/format.h>

namespace onboard::cloud::pg {

namespace {

std::string one_line(const char* text) {
  std::string s = text != nullptr ? text : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  for (auto& c : s)
    if (c == '\n') c = ' ';
  return s;
}

}  // namespace

Connection::Connection(ConnectionSettings settings) : settings_(std::move(settings)) {}

Connection::~Connection() {
  reset();
}

bool Connection::connected() const {
  return conn_ != nullptr && PQstatus(conn_) == CONNECTION_OK;
}

void Connection::reset() {
  if (conn_ != nullptr) PQfinish(conn_);
  conn_ = nullptr;
  prepared_.clear();  // server-side statements die with the connection
}

std::optional<Error> Connection::ensure_connected() {
  if (connected()) return std::nullopt;
  reset();
  const auto now = std::chrono::steady_clock::now();
  if (now < next_attempt_) return Error{ErrorKind::Unavailable, last_connect_error_, {}};
  // Our defaults come first: whatever the URL says wins over them.
  const std::string connect_timeout = std::to_string(settings_.connect_timeout_s);
  // NOTICEs ("relation already exists, skipping") are not worth a line on stderr each.
  const std::string options =
      fmt::format("-c statement_timeout={} -c client_min_messages=warning", settings_.statement_timeout_ms);
  const char* keys[] = {
      "connect_timeout",  "application_name", "keepalives", "keepalives_idle", "keepalives_interval",
      "keepalives_count", "tcp_user_timeout", "options",    "dbname",          nullptr};
  const char* values[] = {connect_timeout.c_str(), "onboard-cloud",       "1",    "10", "5", "3", "15000",
                          options.c_str(),         settings_.url.c_str(), nullptr};
  conn_ = PQconnectdbParams(keys, values, 1);
  if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
    last_connect_error_ =
        "cannot connect to PostgreSQL: " + one_line(conn_ ? PQerrorMessage(conn_) : "out of memory");
    reset();
    next_attempt_ = now + settings_.reconnect_pause;
    return Error{ErrorKind::Unavailable, last_connect_error_, {}};
  }
  ++connects_;
  return std::nullopt;
}

Error Connection::lost(const std::string& what) {
  Error e{ErrorKind::Unavailable,
          fmt::format("connection to PostgreSQL lost ({}): {}", what,
                      one_line(conn_ ? PQerrorMessage(conn_) : "")),
          {}};
  reset();
  return e;
}

Result Connection::fail_from(PGresult* result) {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  Error e;
  e.sqlstate = state != nullptr ? state : "";
  e.kind = classify(e.sqlstate);
  e.message = one_line(result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(conn_));
  if (result != nullptr) PQclear(result);
  if (!connected()) {
    // The server went away (shutdown, crash, network): every later call must reconnect.
    e.kind = ErrorKind::Unavailable;
    reset();
  }
  return Result(std::move(e));
}

Result Connection::run_prepared(const std::string& name, const Params& params) {
  const auto values = params.pointers();
  const auto lengths = params.lengths();
  PGresult* r = PQexecPrepared(conn_, name.c_str(), params.size(), values.data(), lengths.data(), nullptr, 0);
  const auto status = r != nullptr ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return Result(r);
  return fail_from(r);
}

Result Connection::exec(std::string_view sql, const Params& params) {
  if (auto e = ensure_connected()) return Result(std::move(*e));
  auto it = prepared_.find(std::string(sql));
  if (it == prepared_.end()) {
    const std::string name = "s" + std::to_string(prepared_.size() + 1);
    const std::string text(sql);
    PGresult* r = PQprepare(conn_, name.c_str(), text.c_str(), params.size(), nullptr);
    if (r == nullptr || PQresultStatus(r) != PGRES_COMMAND_OK) return fail_from(r);
    PQclear(r);
    it = prepared_.emplace(text, name).first;
  }
  return run_prepared(it->second, params);
}

Result Connection::exec_script(const std::string& sql) {
  if (auto e = ensure_connected()) return Result(std::move(*e));
  PGresult* r = PQexec(conn_, sql.c_str());
  const auto status = r != nullptr ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return Result(r);
  return fail_from(r);
}

std::optional<Error> Connection::transaction(const std::function<std::optional<Error>(Connection&)>& body,
                                             const char* begin_sql, int attempts) {
  bool reconnected = false;
  for (int attempt = 1;; ++attempt) {
    auto begin = exec_script(begin_sql);
    if (!begin) {
      // A connection that died while idle is only noticed now; BEGIN changed nothing, so
      // one fresh connection may try again.
      if (begin.error().kind == ErrorKind::Unavailable && !reconnected) {
        reconnected = true;
        --attempt;
        continue;
      }
      return begin.error();
    }
    auto failure = body(*this);
    if (!failure) {
      auto commit = exec_script("COMMIT");
      if (commit && commit.tag() == "COMMIT") return std::nullopt;
      // A statement failed and the body went on: the server rolled everything back.
      failure =
          commit ? Error{ErrorKind::Internal, "transaction aborted by an earlier error", {}} : commit.error();
    } else if (connected()) {
      exec_script("ROLLBACK");
    }
    if (failure->kind != ErrorKind::Retry || attempt >= attempts) return failure;
    if (connected()) exec_script("ROLLBACK");  // harmless when COMMIT already ended it
  }
}

}  // namespace onboard::cloud::pg
