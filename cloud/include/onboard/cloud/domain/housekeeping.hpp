// Records that have outlived their use: expired sign-in sessions, and
// provisioning sessions that expired (or failed) a day ago without
// activating (kept that long so their requester still sees why).
#pragma once

#include "onboard/cloud/store/store.hpp"

namespace onboard::cloud {

constexpr Millis kKeepExpiredProvisioningMs = 24L * 3600 * 1000;

struct Purged {
  long auth_sessions = 0;
  long provisioning_sessions = 0;
};

StoreResult<Purged> purge_expired(Store& store, Millis now);

}  // namespace onboard::cloud
