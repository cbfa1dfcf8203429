#include "onboard/cloud/domain/provisioning.hpp"

#include "onboard/cloud/crypto/token.hpp"

namespace onboard::cloud {

NewProvisioning create_provisioning(Store& store, const User& requester, const Template& tmpl,
                                    long ttl_seconds, std::optional<Id> device) {
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
  s.created_at = now_ms();
  s.expires_at = s.created_at + ttl_seconds * 1000;
  s.id = store.create_provisioning(s);
  return out;
}

ProvisioningSession current_view(Store& store, ProvisioningSession session) {
  const bool open =
      session.state == ProvisioningState::Pending || session.state == ProvisioningState::Connected;
  if (open && session.expires_at <= now_ms()) {
    store.advance_provisioning(session.id, ProvisioningState::Expired, "");
    if (auto fresh = store.find_provisioning(session.id)) return *fresh;
  }
  return session;
}

}  // namespace onboard::cloud
