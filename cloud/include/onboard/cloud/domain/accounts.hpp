// Users and their bearer sessions. Tokens leave here once, in clear; the store
// only ever sees their hashes.
#pragma once

#include <optional>
#include <string>

#include "onboard/cloud/store/store.hpp"

namespace onboard::cloud {

struct AddUserResult {
  std::optional<User> user;
  std::string error;  // set when user is empty
};
AddUserResult add_user(Store& store, const std::string& email, const std::string& password, Role role,
                       const std::string& org_name);

struct SignIn {
  std::string token;
  User user;
};
// nullopt for an unknown email or a wrong password (indistinguishable on purpose).
std::optional<SignIn> sign_in(Store& store, const std::string& email, const std::string& password,
                              long ttl_seconds);
std::optional<User> authenticate(Store& store, const std::string& bearer_token);

// What a user may do with a device (same org is required for all of it).
bool can_see(const User& user, const Device& device);
bool can_manage(const User& user, const Device& device);

}  // namespace onboard::cloud
