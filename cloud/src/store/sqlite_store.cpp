#include "sqlite_store.hpp"

#include <exception>
#include <string>

namespace onboard::cloud {

std::string_view to_string(StoreErrorKind kind) {
  switch (kind) {
    case StoreErrorKind::Unavailable: return "unavailable";
    case StoreErrorKind::Busy: return "busy";
    case StoreErrorKind::DiskFull: return "disk_full";
    case StoreErrorKind::Io: return "io";
    case StoreErrorKind::Conflict: return "conflict";
    case StoreErrorKind::NotFound: return "not_found";
  }
  return "io";
}

StoreResult<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, SqliteOptions options) {
  try {
    return std::unique_ptr<Store>(std::make_unique<sqlite::SqliteStore>(path, options));
  } catch (const sqlite::Failure& e) {
    return e.failure;
  }
}

}  // namespace onboard::cloud

namespace onboard::cloud::sqlite {

SqliteStore::SqliteStore(const std::string& path, SqliteOptions options)
    : db_(path, options.busy_timeout_ms) {
  migrate(db_);
}

StoreStatus SqliteStore::run(Access access, const std::function<StoreStatus(Records&)>& work) {
  if (access == Access::Read) {
    std::lock_guard lock(mutex_);
    return guarded([&]() -> StoreStatus {
      // Reads get a snapshot and never wait for a writer in WAL mode.
      Transaction tx(db_, false);
      auto status = work(records_);
      if (status) tx.commit();
      return status;
    });
  }
  // Group commit: a write that arrives while another group runs waits for the
  // next one; whoever finds no group running leads the next, for everyone
  // queued. Nobody returns before the commit that holds its write is done.
  PendingWrite me{&work, std::nullopt};
  std::vector<PendingWrite*> group;
  {
    std::unique_lock queue(queue_mutex_);
    queue_.push_back(&me);
    group_done_.wait(queue, [&] { return me.result.has_value() || !leading_; });
    if (me.result) return *me.result;
    leading_ = true;
    group.swap(queue_);
  }
  commit_group(group);
  {
    std::lock_guard queue(queue_mutex_);
    leading_ = false;
  }
  group_done_.notify_all();
  return *me.result;
}

void SqliteStore::commit_group(std::vector<PendingWrite*>& group) {
  std::lock_guard lock(mutex_);
  std::vector<StoreStatus> results(group.size(), done());
  // Whatever one write throws stays its own failure: the others' must still be answered.
  auto run_one = [&](std::size_t i) -> StoreStatus {
    try {
      return guarded([&] { return (*group[i]->work)(records_); });
    } catch (const std::exception& e) {
      return store_failure(StoreErrorKind::Io, std::string("store work failed: ") + e.what());
    }
  };
  auto status = guarded([&]() -> StoreStatus {
    // The write lock up front: a deferred transaction that reads first could
    // fail at its first write with no busy wait.
    Transaction tx(db_, true);
    if (group.size() == 1) {
      results[0] = run_one(0);
      if (!results[0]) return done();  // rolled back by tx; the work's own failure is its answer
    } else {
      for (std::size_t i = 0; i < group.size(); ++i) {
        db_.exec("SAVEPOINT one_write");
        results[i] = run_one(i);
        if (sqlite3_get_autocommit(db_.handle()) != 0) {
          // SQLite rolled the whole transaction back (e.g. disk full): the
          // group's earlier writes are gone with it.
          if (!results[i]) return results[i];
          return store_failure(StoreErrorKind::Io, "the transaction was rolled back");
        }
        if (!results[i]) db_.exec("ROLLBACK TO one_write");  // this write only
        db_.exec("RELEASE one_write");
      }
    }
    tx.commit();
    return done();
  });
  for (std::size_t i = 0; i < group.size(); ++i) group[i]->result = status ? results[i] : status;
}

}  // namespace onboard::cloud::sqlite
