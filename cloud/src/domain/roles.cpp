#include "onboard/cloud/domain/roles.hpp"

namespace onboard::cloud {

bool has_permission(Role role, Permission permission) {
  switch (role) {
    case Role::Admin: return true;
    case Role::Staff:
      return permission != Permission::ManageAllDevices && permission != Permission::ManageUsers;
    case Role::User: return permission == Permission::Provision;
  }
  return false;
}

std::string_view to_string(Role role) {
  switch (role) {
    case Role::Admin: return "admin";
    case Role::Staff: return "staff";
    case Role::User: return "user";
  }
  return "user";
}

std::optional<Role> role_from(std::string_view text) {
  if (text == "admin") return Role::Admin;
  if (text == "staff") return Role::Staff;
  if (text == "user") return Role::User;
  return std::nullopt;
}

}  // namespace onboard::cloud
