// The record of provisioning attempts as people read it: who may see which
// sessions, each session's steps, and per template the success rate, median
// duration and the most common reasons for failure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "onboard/cloud/clock.hpp"
#include "onboard/cloud/store/store.hpp"

namespace onboard::cloud {

struct ProvisioningStep {
  std::string step;  // "requested", "connected", "activated", "failed", "expired"
  Millis ts = 0;
};

struct ProvisioningRecord {
  ProvisioningSession session;  // as seen now: open sessions past expiry read as expired
  std::vector<ProvisioningStep> steps;
  std::string requester_email;  // empty when the requester was removed
};

struct ReasonCount {
  std::string reason;
  long count = 0;
};

struct ProvisioningStats {
  long total = 0;
  long activated = 0;
  long failed = 0;
  long expired = 0;
  double success_rate = 0;               // activated / finished (activated + failed + expired); 0 with none
  std::optional<Millis> median_ms;       // request to activation, over the activated ones
  std::vector<ReasonCount> top_reasons;  // most common first, at most 5
};

// The sessions the viewer may see (all of the org with SeeAllProvisioning, else their
// own), newest first.
StoreResult<std::vector<ProvisioningRecord>> provisioning_records(
    Store& store, const Clock& clock, const User& viewer, const std::optional<std::string>& template_id,
    int limit);

// nullopt when the viewer may not see statistics. Over the newest kStatsWindow sessions.
inline constexpr int kStatsWindow = 10'000;
StoreResult<std::optional<ProvisioningStats>> provisioning_stats(
    Store& store, const Clock& clock, const User& viewer, const std::optional<std::string>& template_id);

// The steps of one session, from its timestamps and state.
std::vector<ProvisioningStep> steps_of(const ProvisioningSession& session);
// Pending/connected past expiry read as expired (not written).
ProvisioningSession as_seen(ProvisioningSession session, Millis now);

}  // namespace onboard::cloud
