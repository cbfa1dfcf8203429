#include "pg_store.hpp"

#include "pg_schema.hpp"

namespace onboard::cloud {

StoreResult<std::unique_ptr<Store>> open_postgres_store(const std::string& url, PostgresOptions options) {
  pg::ConnectionSettings settings;
  settings.url = url;
  settings.connect_timeout_s = options.connect_timeout_s;
  settings.statement_timeout_ms = options.statement_timeout_ms;
  {
    pg::Connection conn(settings);
    if (auto error = pg::migrate(conn)) return pg::failure_of(*error);
  }
  return std::unique_ptr<Store>(std::make_unique<pg::PgStore>(settings, options.connections));
}

}  // namespace onboard::cloud

namespace onboard::cloud::pg {

StoreFailure failure_of(const Error& error) {
  switch (error.kind) {
    case ErrorKind::Unavailable: return store_failure(StoreErrorKind::Unavailable, error.message);
    case ErrorKind::Busy:
    case ErrorKind::Retry: return store_failure(StoreErrorKind::Busy, error.message);
    case ErrorKind::Full: return store_failure(StoreErrorKind::DiskFull, error.message);
    case ErrorKind::Conflict: return store_failure(StoreErrorKind::Conflict, error.message);
    case ErrorKind::Constraint: return store_failure(StoreErrorKind::NotFound, error.message);
    case ErrorKind::Internal: break;
  }
  return store_failure(StoreErrorKind::Io, error.message);
}

StoreStatus PgStore::run(Access access, const std::function<StoreStatus(Records&)>& work) {
  // Writes run at READ COMMITTED with the unique keys deciding races between nodes: two
  // nodes activating one session both try to insert a device with the session's token,
  // the second insert finds it taken (a Conflict), and the domain's retry then sees the
  // session activated; two devices named alike meet the (org, name) key the same way.
  // SERIALIZABLE made every concurrent provisioning request of one user (a count, then an
  // insert) a serialization failure. A deadlock answers Busy; the work never runs twice
  // here, since a work may move from what it captured.
  // Reads see one snapshot and never fail for a concurrent writer.
  const char* begin = access == Access::Write ? "BEGIN ISOLATION LEVEL READ COMMITTED"
                                              : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
  auto conn = pool_.borrow();
  StoreStatus answer = done();
  auto error = conn->transaction(
      [&](Connection& c) -> std::optional<Error> {
        PgRecords records(c);
        answer = work(records);
        if (answer) return std::nullopt;
        // A database error the work passed on is the answer (a serialization failure: Busy);
        // a failure of the work's own (NotFound, a refusal) just rolls back.
        if (records.last_error() && records.last_error()->kind == ErrorKind::Retry)
          return records.last_error();
        return Error{ErrorKind::Internal, answer.error().message, "work"};
      },
      begin, 1);
  if (!error) return answer;
  if (error->sqlstate == "work") return answer;
  return failure_of(*error);
}

}  // namespace onboard::cloud::pg
