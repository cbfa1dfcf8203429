#include "pg_connection.hpp"

#include <fmt/format.h>
#include <poll.h>

#include <atomic>

namespace onboard::cloud::pg {

namespace {

std::atomic<long> g_round_trips{0};
std::atomic<long> g_statements{0};

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
  unread_ = 0;
}

long Connection::round_trips_total() {
  return g_round_trips.load(std::memory_order_relaxed);
}

long Connection::statements_total() {
  return g_statements.load(std::memory_order_relaxed);
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

void Connection::defer(std::string_view sql, const Params& params) {
  queue_.push_back(Queued{std::string(sql), params, true, owner_});
}

void Connection::defer_script(std::string_view sql) {
  queue_.push_back(Queued{std::string(sql), Params(), false, owner_});
}

void Connection::begin_later(std::string_view begin_sql) {
  queue_begins_ = queue_.empty();
  defer_script(begin_sql);
}

void Connection::drop_queued(std::size_t from) {
  if (from < queue_.size()) queue_.resize(from);
  if (queue_.empty()) queue_begins_ = false;
}

std::optional<Error> Connection::flush() {
  if (queue_.empty()) return std::nullopt;
  auto r = send_queue(true);
  if (r) return std::nullopt;
  return r.error();
}

Result Connection::exec_queued() {
  if (queue_.empty()) return Result(Error{ErrorKind::Internal, "nothing queued", {}});
  return send_queue(true);
}

void Connection::finish_later(std::string_view sql) {
  defer_script(sql);
  send_queue(false);
}

Result Connection::exec(std::string_view sql, const Params& params) {
  defer(sql, params);
  return send_queue(true);
}

namespace {

// The next result of a pipeline, past the NULL that ends each command's; nullptr when the
// connection broke.
PGresult* next_result(PGconn* conn) {
  for (int nulls = 0; nulls < 2; ++nulls) {
    PGresult* r = PQgetResult(conn);
    if (r != nullptr) return r;
    if (PQstatus(conn) != CONNECTION_OK) return nullptr;
  }
  return nullptr;
}

}  // namespace

void Connection::drain() {
  if (unread_ == 0 || conn_ == nullptr) return;
  const int commands = unread_;
  unread_ = 0;
  for (int i = 0; i <= commands; ++i) {  // the commands, then the sync
    PGresult* r = next_result(conn_);
    if (r == nullptr) return reset();
    const bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
    PQclear(r);
    if (sync) break;
  }
  if (PQexitPipelineMode(conn_) == 0) reset();
}

Result Connection::send_queue(bool wait) {
  bool commits = false;
  for (const auto& q : queue_) commits = commits || (!q.prepared && q.sql == "COMMIT");
  auto r = send_once(wait);
  // A connection that died while idle shows only now. When this queue opened the
  // transaction and does not commit it, nothing it sent can have lasted: a fresh connection
  // may run it again. (A restarted server closes its connections, usually seen before sending.)
  if (!r && r.error().kind == ErrorKind::Unavailable && wait && queue_begins_ && !commits)
    r = send_once(wait);
  queue_.clear();
  queue_begins_ = false;
  return r;
}

Result Connection::send_once(bool wait) {
  failed_owner_ = -1;
  failed_at_last_ = false;
  drain();
  if (conn_ != nullptr && queue_begins_) {
    // Idle connections have nothing to read; something readable is usually the server's goodbye.
    pollfd p{PQsocket(conn_), POLLIN, 0};
    if (::poll(&p, 1, 0) > 0 && (PQconsumeInput(conn_) == 0 || PQstatus(conn_) != CONNECTION_OK)) reset();
  }
  if (auto e = ensure_connected()) return Result(std::move(*e));
  if (PQenterPipelineMode(conn_) == 0) return Result(lost("pipeline mode"));
  struct Command {
    std::size_t item;
    const std::string* prepared_name;  // a PQsendPrepare of this name, or nullptr
  };
  std::vector<Command> commands;
  commands.reserve(queue_.size() + 2);
  for (std::size_t i = 0; i < queue_.size(); ++i) {
    const auto& q = queue_[i];
    int sent = 0;
    if (q.prepared) {
      auto it = prepared_.find(q.sql);
      if (it == prepared_.end()) {
        it = prepared_.emplace(q.sql, "s" + std::to_string(++statement_names_)).first;
        if (PQsendPrepare(conn_, it->second.c_str(), q.sql.c_str(), q.params.size(), nullptr) == 0)
          return Result(lost("sending"));
        commands.push_back(Command{i, &it->second});
      }
      const auto values = q.params.pointers();
      const auto lengths = q.params.lengths();
      sent = PQsendQueryPrepared(conn_, it->second.c_str(), q.params.size(), values.data(), lengths.data(),
                                 nullptr, 0);
    } else {
      sent = PQsendQueryParams(conn_, q.sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0);
    }
    if (sent == 0) return Result(lost("sending"));
    commands.push_back(Command{i, nullptr});
  }
  if (PQpipelineSync(conn_) == 0) return Result(lost("sending"));
  g_statements.fetch_add(static_cast<long>(queue_.size()), std::memory_order_relaxed);
  if (!wait) {
    unread_ = static_cast<int>(commands.size());
    return Result(static_cast<PGresult*>(nullptr));
  }
  ++round_trips_;
  g_round_trips.fetch_add(1, std::memory_order_relaxed);

  std::optional<Result> answer;
  std::optional<Error> first;
  std::vector<std::string> unprepared;  // names whose PREPARE did not happen
  for (std::size_t k = 0; k < commands.size(); ++k) {
    PGresult* r = next_result(conn_);
    if (r == nullptr) {
      if (!first) failed_owner_ = queue_[commands[k].item].owner;
      return Result(lost("reading"));
    }
    const auto status = PQresultStatus(r);
    const bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
    if (!ok && commands[k].prepared_name != nullptr) unprepared.push_back(*commands[k].prepared_name);
    if (ok && k + 1 == commands.size()) {
      answer.emplace(r);
      continue;
    }
    if (!ok && status != PGRES_PIPELINE_ABORTED && !first) {
      const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
      first.emplace();
      first->sqlstate = state != nullptr ? state : "";
      first->kind = classify(first->sqlstate);
      first->message = one_line(PQresultErrorMessage(r));
      failed_owner_ = queue_[commands[k].item].owner;
      failed_at_last_ = commands[k].item + 1 == queue_.size();
    }
    PQclear(r);
  }
  PGresult* sync = next_result(conn_);
  const bool synced = sync != nullptr && PQresultStatus(sync) == PGRES_PIPELINE_SYNC;
  if (sync != nullptr) PQclear(sync);
  if (!synced || PQexitPipelineMode(conn_) == 0) {
    auto e = lost("reading");
    return Result(first ? Error{ErrorKind::Unavailable, first->message, first->sqlstate} : e);
  }
  for (const auto& name : unprepared)
    std::erase_if(prepared_, [&](const auto& entry) { return entry.second == name; });
  if (first) return Result(std::move(*first));
  if (!answer) return Result(Error{ErrorKind::Internal, "no answer to the last statement", {}});
  return std::move(*answer);
}

Result Connection::exec_script(const std::string& sql) {
  if (auto e = flush()) return Result(std::move(*e));
  drain();
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
