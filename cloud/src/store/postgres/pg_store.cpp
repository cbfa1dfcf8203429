#include "pg_store.hpp"

#include "pg_schema.hpp"

#include <algorithm>
#include <exception>

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
  return std::unique_ptr<Store>(
      std::make_unique<pg::PgStore>(settings, options.connections, std::max(1, options.write_groups)));
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

namespace {

const char* const kBeginWrite = "BEGIN ISOLATION LEVEL READ COMMITTED";
const char* const kBeginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

// Runs one work; what it throws stays its own failure (the group's others must be answered).
StoreStatus run_work(const std::function<StoreStatus(Records&)>& work, PgRecords& records) {
  try {
    return work(records);
  } catch (const std::exception& e) {
    return store_failure(StoreErrorKind::Io, std::string("store work failed: ") + e.what());
  }
}

// A work's answer as the caller gets it: a database error it passed on as a serialization
// failure or deadlock is Busy; an error it ignored still fails it (its transaction, or its
// savepoint, was aborted by it).
StoreStatus answer_of(const StoreStatus& answer, const PgRecords& records) {
  const auto& error = records.last_error();
  if (error && (error->kind == ErrorKind::Retry || answer)) return failure_of(*error);
  return answer;
}

}  // namespace

StoreStatus PgStore::run(Access access, const std::function<StoreStatus(Records&)>& work) {
  if (access == Access::Read) return run_read(work);
  PendingWrite me{&work, std::nullopt};
  std::vector<PendingWrite*> group;
  {
    std::unique_lock queue(queue_mutex_);
    queue_.push_back(&me);
    // Taken by another leader: wait for its commit, even when a leader's place is free.
    group_done_.wait(queue, [&] { return me.result.has_value() || (!me.taken && leaders_ < max_leaders_); });
    if (me.result) return *me.result;
    ++leaders_;
    group.swap(queue_);
    for (auto* w : group) w->taken = true;
  }
  auto results = commit_group(group);
  {
    // Answers are handed over under the lock: a waiter may look at its own at any wake-up.
    std::lock_guard queue(queue_mutex_);
    for (std::size_t i = 0; i < group.size(); ++i) group[i]->result = std::move(results[i]);
    --leaders_;
  }
  group_done_.notify_all();
  return *me.result;
}

StoreStatus PgStore::run_read(const std::function<StoreStatus(Records&)>& work) {
  // Reads see one snapshot and never fail for a concurrent writer. BEGIN travels with the
  // first statement; the end is not waited for: every row was read, nothing is to be kept.
  auto conn = pool_.borrow();
  const long trips = conn->round_trips();
  conn->begin_later(kBeginRead);
  PgRecords records(*conn);
  const auto answer = answer_of(run_work(work, records), records);
  const bool sent = conn->round_trips() != trips;
  conn->drop_queued(0);  // a read queues nothing of its own
  if (sent && conn->connected()) conn->finish_later(answer ? "COMMIT" : "ROLLBACK");
  return answer;
}

// Writes run at READ COMMITTED with the unique keys deciding races between nodes: two
// nodes activating one session both try to insert a device with the session's token,
// the second insert finds it taken (a Conflict), and the domain's retry then sees the
// session activated; two devices named alike meet the (org, name) key the same way.
// SERIALIZABLE made every concurrent provisioning request of one user (a count, then an
// insert) a serialization failure. A deadlock answers Busy (to that write only: it is
// rolled back to its savepoint); a work never runs twice here, since it may move from
// what it captured.
std::vector<StoreStatus> PgStore::commit_group(const std::vector<PendingWrite*>& group) {
  auto conn = pool_.borrow();
  const bool savepoints = group.size() > 1;
  std::vector<StoreStatus> results(group.size(), done());
  std::optional<StoreFailure> group_failure;
  const long trips_before = conn->round_trips();
  conn->set_owner(-1);
  conn->begin_later(kBeginWrite);
  for (std::size_t i = 0; i < group.size() && !group_failure; ++i) {
    const int owner = static_cast<int>(i);
    const std::size_t mark = conn->queued();  // what is queued before is the earlier works'
    const long trips = conn->round_trips();
    conn->set_owner(owner);
    if (savepoints) conn->defer_script("SAVEPOINT one_write");
    PgRecords records(*conn, owner);
    results[i] = answer_of(run_work(*group[i]->work, records), records);
    if (results[i]) {
      if (savepoints) conn->defer_script("RELEASE SAVEPOINT one_write");
      continue;
    }
    if (!conn->connected() || records.saw_foreign_failure()) {
      // The connection is gone, or a statement of an earlier work failed on its way (it
      // travelled with this work's): the earlier works cannot be told apart now.
      group_failure = results[i].error();
      break;
    }
    if (!savepoints) break;
    if (conn->round_trips() == trips) {
      conn->drop_queued(mark);  // nothing of it reached the server
    } else {
      conn->drop_queued(0);  // its statements not sent yet
      conn->defer_script("ROLLBACK TO SAVEPOINT one_write");
      conn->defer_script("RELEASE SAVEPOINT one_write");
    }
  }
  bool any_ok = false;
  for (const auto& r : results) any_ok = any_ok || r.ok();
  if (!group_failure && any_ok) {
    const std::size_t last = group.size() - 1;
    conn->set_owner(-1);
    conn->defer_script("COMMIT");
    auto commit = conn->exec_queued();
    if (!commit && savepoints && conn->connected() && conn->failed_owner() == static_cast<int>(last) &&
        results[last]) {
      // A statement the last write had queued failed on its way with the commit: that write
      // alone is rolled back (its savepoint was not released yet), the others are committed.
      results[last] = failure_of(commit.error());
      conn->defer_script("ROLLBACK TO SAVEPOINT one_write");
      conn->defer_script("RELEASE SAVEPOINT one_write");
      conn->defer_script("COMMIT");
      commit = conn->exec_queued();
    }
    if (!commit) {
      group_failure = failure_of(commit.error());
    } else if (commit.tag() != "COMMIT") {
      group_failure = store_failure(StoreErrorKind::Io, "transaction aborted by an earlier error");
    }
  }
  // Whatever is still queued must not travel with the connection's next transaction.
  const bool open = conn->round_trips() != trips_before && (group_failure || !any_ok);
  conn->drop_queued(0);
  if (open && conn->connected()) conn->finish_later("ROLLBACK");
  if (group_failure)
    for (auto& r : results) r = *group_failure;
  return results;
}

}  // namespace onboard::cloud::pg
