#include "pg_pool.hpp"

namespace onboard::cloud::pg {

// Connections are made lazily by their first call, so a pool over a server that is down
// is built at once and its calls answer "unavailable".
Pool::Pool(const ConnectionSettings& settings, int size) : size_(size) {
  for (int i = 0; i < size; ++i) idle_.push_back(std::make_unique<Connection>(settings));
}

Pool::Lease Pool::borrow() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [&] { return !idle_.empty(); });
  auto conn = std::move(idle_.back());
  idle_.pop_back();
  return Lease(*this, std::move(conn));
}

void Pool::give_back(std::unique_ptr<Connection> conn) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(conn));
  }
  available_.notify_one();
}

}  // namespace onboard::cloud::pg
