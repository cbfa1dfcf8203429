#include "onboard/cloud/domain/types.hpp"

namespace onboard::cloud {

std::string_view to_string(ProvisioningState state) {
  switch (state) {
    case ProvisioningState::Pending: return "pending";
    case ProvisioningState::Connected: return "connected";
    case ProvisioningState::Activated: return "activated";
    case ProvisioningState::Failed: return "failed";
    case ProvisioningState::Expired: return "expired";
  }
  return "pending";
}

std::optional<ProvisioningState> provisioning_state_from(std::string_view text) {
  for (auto s : {ProvisioningState::Pending, ProvisioningState::Connected, ProvisioningState::Activated,
                 ProvisioningState::Failed, ProvisioningState::Expired}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

}  // namespace onboard::cloud
