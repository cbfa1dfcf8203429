// How an activated device is named: its template's name, or "Name 2",
// "Name 3"... with the smallest free number (numbers freed by deleted or
// renamed devices are reused). Remembers what it has handed out, so a burst
// of activations does not scan every name of its template each time.
#pragma once

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <utility>

#include "onboard/cloud/store/store.hpp"

namespace onboard::cloud {

class DeviceNames {
 public:
  // The name a new device of `org_id` gets, read inside the caller's
  // transaction, and taken at once (concurrent activations get different
  // names). When the transaction does not commit, the caller forget()s the org.
  StoreResult<std::string> choose(Records& records, Id org_id, const std::string& base);
  // Names of the org changed in ways not tracked (rename, delete, a rollback): reload on next use.
  void forget(Id org_id);
  // Another writer (another node) took `name`, the one chosen on try `attempt` (0, 1, ...) of
  // one activation: the next choices start above it (from the second try on, a random step
  // above it in a window of 8 that doubles with each further try), without a reload, so
  // nodes activating devices of one template at once part ways. The numbers skipped are
  // filled after the next reload (a rename, a delete, a restart).
  void conflicted(Id org_id, const std::string& name, int attempt);

 private:
  // The names that are `base` or "base N": the smallest free N >= 2 is
  // `lowest_free`; `above` holds the taken numbers over it. Choices start at `cursor` when it is
  // higher (moved past another node's names by conflicted()).
  struct Slots {
    bool base_taken = false;
    long lowest_free = 2;
    long cursor = 2;
    std::set<long> above;
  };

  void taken_locked(Id org_id, const std::string& name);

  std::mutex mutex_;
  // By (org, base). Without it each activation scanned all of its template's
  // names, so a burst of k activations cost O(k^2).
  std::map<std::pair<Id, std::string>, Slots> slots_;
};

}  // namespace onboard::cloud
