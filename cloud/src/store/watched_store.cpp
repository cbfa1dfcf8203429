#include "onboard/cloud/store/watched_store.hpp"

#include <spdlog/spdlog.h>

namespace onboard::cloud {

namespace {
bool is_health_problem(StoreErrorKind kind) {
  return kind != StoreErrorKind::Conflict && kind != StoreErrorKind::NotFound;
}
}  // namespace

StoreStatus WatchedStore::run(Access access, const std::function<StoreStatus(Records&)>& work) {
  auto status = inner_.run(access, work);
  // A conflict or a missing record is an answer, not the store's health.
  const bool failed = !status && is_health_problem(status.error().kind);
  const bool wrote = status && access == Access::Write;
  if (!failed && !wrote) return status;
  std::lock_guard lock(mutex_);
  if (failed) {
    auto reason = std::string(to_string(status.error().kind)) + ": " + status.error().message;
    if (state_.can_write) spdlog::error("store cannot write: {}", reason);
    state_ = StoreHealthState{false, std::move(reason)};
  } else if (!state_.can_write) {
    spdlog::warn("store writes again (was: {})", state_.reason);
    state_ = StoreHealthState{};
  }
  return status;
}

StoreHealthState WatchedStore::health() const {
  std::lock_guard lock(mutex_);
  return state_;
}

StoreStatus WatchedStore::probe(Millis now) {
  return run(Access::Write, [&](Records& r) { return r.touch_health(now); });
}

}  // namespace onboard::cloud
