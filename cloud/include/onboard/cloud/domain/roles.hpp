// Roles and what each may do within its organization.
#pragma once

#include <optional>
#include <string_view>

namespace onboard::cloud {

enum class Role { Admin, Staff, User };

enum class Permission {
  Provision,          // "Provision new devices"
  ManageTemplates,    // create templates
  SeeAllDevices,      // see every device of the organization, not only one's own
  ManageAllDevices,   // rename, reconfigure, erase, delete devices one does not own
  ManageUsers,        // add users, change their roles, remove them
  SeeAllProvisioning  // every provisioning attempt of the organization and their statistics
};

bool has_permission(Role role, Permission permission);
std::string_view to_string(Role role);
std::optional<Role> role_from(std::string_view text);

}  // namespace onboard::cloud
