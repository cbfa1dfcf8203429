// Provisioning sessions: a fresh 32-character token (24 CSPRNG bytes,
// base64url) for one template, returned once and stored only as a hash.
#pragma once

#include <optional>
#include <string>

#include "onboard/cloud/store/store.hpp"

namespace onboard::cloud {

struct NewProvisioning {
  ProvisioningSession session;
  std::string token;  // the only copy in clear
};

// For a new device, or (device set) a reconfigure of an existing one.
NewProvisioning create_provisioning(Store& store, const User& requester, const Template& tmpl,
                                    long ttl_seconds, std::optional<Id> device = std::nullopt);

// The session as its requester should see it now (pending/connected past
// expiry read as expired, and are recorded so).
ProvisioningSession current_view(Store& store, ProvisioningSession session);

}  // namespace onboard::cloud
