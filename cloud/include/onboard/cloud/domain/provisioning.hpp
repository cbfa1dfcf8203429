// Provisioning sessions: a fresh 32-character token (24 CSPRNG bytes,
// base64url) for one template, returned once and stored only as a hash.
#pragma once

#include <optional>
#include <string>

#include "onboard/cloud/clock.hpp"
#include "onboard/cloud/store/store.hpp"

namespace onboard::cloud {

struct NewProvisioning {
  ProvisioningSession session;
  std::string token;  // the only copy in clear
};

struct ProvisioningLimits {
  long ttl_seconds = 24 * 3600;
  long per_user_per_minute = 0;  // 0: no limit
};

// What create_provisioning answered: a session, or refused for the rate limit.
struct ProvisioningCreated {
  std::optional<NewProvisioning> created;
  long retry_after_seconds = 0;  // set when refused
};

// For a new device, or (device set) a reconfigure of an existing one.
StoreResult<ProvisioningCreated> create_provisioning(Store& store, const Clock& clock, const User& requester,
                                                     const Template& tmpl, const ProvisioningLimits& limits,
                                                     std::optional<Id> device = std::nullopt);

// The session as its requester should see it now (pending/connected past
// expiry read as expired, and are recorded so).
StoreResult<ProvisioningSession> current_view(Store& store, const Clock& clock, ProvisioningSession session);

}  // namespace onboard::cloud
