#include "onboard/cloud/store/open_store.hpp"

#include <filesystem>

#include "onboard/cloud/store/postgres_store.hpp"

namespace onboard::cloud {

StoreResult<std::unique_ptr<Store>> open_configured_store(const Config& config) {
  if (config.store == "postgres") {
    PostgresOptions options;
    // One connection per store thread, and two for the pin flusher and the health probe.
    options.connections = store_threads_for(config) + 2;
    return open_postgres_store(config.db_url, options);
  }
  std::filesystem::create_directories(config.data_dir);
  const auto path = (std::filesystem::path(config.data_dir) / "onboard.db").string();
  return open_sqlite_store(path, SqliteOptions{config.store_busy_timeout_ms});
}

}  // namespace onboard::cloud
