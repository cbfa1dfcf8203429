// The store a configuration names: SQLite in the data directory (the default) or a
// PostgreSQL database shared by several nodes (--store postgres --db-url URL).
#pragma once

#include <memory>

#include "onboard/cloud/config.hpp"
#include "onboard/cloud/store/store.hpp"

namespace onboard::cloud {

StoreResult<std::unique_ptr<Store>> open_configured_store(const Config& config);

}  // namespace onboard::cloud
