// A Store that passes every call through and remembers whether the store can
// write: a failure other than a conflict or a missing record marks it
// unhealthy with the reason, the next successful write healthy again. What
// /healthz answers; probe() lets it recover without traffic.
#pragma once

#include <mutex>
#include <string>

#include "onboard/cloud/store/store.hpp"

namespace onboard::cloud {

struct StoreHealthState {
  bool can_write = true;
  std::string reason;  // why not, e.g. "disk_full: sqlite step: database or disk is full"
};

class WatchedStore final : public Store {
 public:
  explicit WatchedStore(Store& inner) : inner_(inner) {}

  StoreStatus run(Access access, const std::function<StoreStatus(Records&)>& work) override;
  StoreHealthState health() const;
  // A tiny write: healthy again once it passes.
  StoreStatus probe(Millis now);

 private:
  Store& inner_;
  mutable std::mutex mutex_;
  StoreHealthState state_;
};

}  // namespace onboard::cloud
