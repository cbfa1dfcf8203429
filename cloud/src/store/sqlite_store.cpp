#include "sqlite_store.hpp"

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
  std::lock_guard lock(mutex_);
  return guarded([&]() -> StoreStatus {
    // Writes take the write lock up front (a deferred transaction that reads
    // first could fail at its first write with no busy wait); reads get a
    // snapshot and never wait for a writer in WAL mode.
    Transaction tx(db_, access == Access::Write);
    auto status = work(records_);
    if (status) tx.commit();
    return status;
  });
}

}  // namespace onboard::cloud::sqlite
