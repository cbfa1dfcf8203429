// A few PostgreSQL connections shared by the store's threads: a caller borrows one for a
// call or a transaction and gives it back; when all are out it waits for one.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "pg_connection.hpp"

namespace onboard::cloud::pg {

class Pool {
 public:
  Pool(const ConnectionSettings& settings, int size);

  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<Connection> conn) : pool_(&pool), conn_(std::move(conn)) {}
    ~Lease() {
      if (conn_) pool_->give_back(std::move(conn_));
    }
    Lease(Lease&&) = default;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Connection& operator*() const { return *conn_; }
    Connection* operator->() const { return conn_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<Connection> conn_;
  };

  Lease borrow();
  int size() const { return size_; }

 private:
  void give_back(std::unique_ptr<Connection> conn);

  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int size_;
};

}  // namespace onboard::cloud::pg
