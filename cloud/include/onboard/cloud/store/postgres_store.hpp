// The PostgreSQL Store: every record in one PostgreSQL database shared by any number of
// cloud nodes. Opened with a URL (postgresql://user@host:port/db); see docs/scaling.md.
#pragma once

#include <memory>
#include <string>

#include "onboard/cloud/store/store.hpp"

namespace onboard::cloud {

struct PostgresOptions {
  int connections = 4;               // the pool: at most this many transactions at once
  int connect_timeout_s = 5;         // per connection attempt
  int statement_timeout_ms = 10000;  // a statement running longer fails as busy
  // Write transactions committing at once; writes arriving while all are busy wait and are
  // committed together by the next (one transaction, a savepoint each). Measured on 2 cores
  // (bench/README.md): 1-2 made each write wait for the round trips of the ones before it;
  // 4 groups a node's writes once there are more of them than that (--store-threads 16).
  int write_groups = 4;
};

// Connects, brings the schema to the current version (several nodes may do this at once)
// and answers the store; Unavailable when the database cannot be reached.
StoreResult<std::unique_ptr<Store>> open_postgres_store(const std::string& url, PostgresOptions options = {});

}  // namespace onboard::cloud
