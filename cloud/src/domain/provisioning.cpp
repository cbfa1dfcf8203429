#include "onboard/cloud/domain/provisioning.hpp"

#include "onboard/cloud/crypto/token.hpp"

namespace onboard::cloud {

StoreResult<ProvisioningCreated> create_provisioning(Store& store, const Clock& clock, const User& requester,
                                                     const Template& tmpl, const ProvisioningLimits& limits,
                                                     std::optional<Id> device) {
  NewProvisioning out;
  out.token = random_token(24);
  auto& s = out.session;
  s.token_hash = token_hash(out.token);
  s.template_id = tmpl.id;
  s.org_id = requester.org_id;
  s.requester_id = requester.id;
  s.device_id = device;
  s.reconfigure = device.has_value();
  s.state = ProvisioningState::Pending;
  s.created_at = clock.now();
  s.expires_at = s.created_at + limits.ttl_seconds * 1000;
  return store.write([&](Records& r) -> StoreResult<ProvisioningCreated> {
    ProvisioningCreated result;
    if (limits.per_user_per_minute > 0) {
      auto recent = r.count_provisioning_since(requester.id, s.created_at - 60'000);
      if (!recent) return recent.error();
      if (*recent >= limits.per_user_per_minute) {
        result.retry_after_seconds = 60;
        return result;
      }
    }
    auto id = r.insert_provisioning(s);
    if (!id) return id.error();
    s.id = *id;
    result.created = std::move(out);
    return result;
  });
}

StoreResult<ProvisioningSession> current_view(Store& store, const Clock& clock, ProvisioningSession session) {
  const bool open =
      session.state == ProvisioningState::Pending || session.state == ProvisioningState::Connected;
  if (!open || session.expires_at > clock.now()) return session;
  return store.write([&](Records& r) -> StoreResult<ProvisioningSession> {
    auto fresh = r.provisioning_by_id(session.id);
    if (!fresh) return fresh.error();
    if (!*fresh) return session;
    auto s = std::move(**fresh);
    if (s.state == ProvisioningState::Pending || s.state == ProvisioningState::Connected) {
      s.state = ProvisioningState::Expired;
      s.finished_at = s.expires_at;
      if (auto u = r.update_provisioning(s); !u) return u.error();
    }
    return s;
  });
}

}  // namespace onboard::cloud
