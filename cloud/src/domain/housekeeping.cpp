#include "onboard/cloud/domain/housekeeping.hpp"

namespace onboard::cloud {

StoreResult<Purged> purge_expired(Store& store, Millis now) {
  return store.write([&](Records& r) -> StoreResult<Purged> {
    Purged out;
    auto auth = r.delete_auth_sessions_expired(now);
    if (!auth) return auth.error();
    out.auth_sessions = *auth;
    auto provisioning = r.delete_provisioning_expired(now - kKeepExpiredProvisioningMs);
    if (!provisioning) return provisioning.error();
    out.provisioning_sessions = *provisioning;
    return out;
  });
}

}  // namespace onboard::cloud
