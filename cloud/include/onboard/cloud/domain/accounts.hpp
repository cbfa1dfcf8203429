// Users and their bearer sessions. Tokens leave here once, in clear; the store
// only ever sees their hashes.
#pragma once

#include <optional>
#include <string>

#include "onboard/cloud/clock.hpp"
#include "onboard/cloud/store/store.hpp"

namespace onboard::cloud {

struct AddUserResult {
  std::optional<User> user;
  std::string error;  // set when user is empty
};
// A refusal (bad email, short password, email taken) is a value; a store failure is an error.
StoreResult<AddUserResult> add_user(Store& store, const std::string& email, const std::string& password,
                                    Role role, const std::string& org_name);

struct SignIn {
  std::string token;
  User user;
};
// nullopt for an unknown email or a wrong password (indistinguishable on purpose).
// Expired sessions are purged on the way.
StoreResult<std::optional<SignIn>> sign_in(Store& store, const Clock& clock, const std::string& email,
                                           const std::string& password, long ttl_seconds);
StoreResult<std::optional<User>> authenticate(Store& store, const Clock& clock,
                                              const std::string& bearer_token);
// Ends the session of this bearer token at once.
StoreStatus sign_out(Store& store, const std::string& bearer_token);

// What a user may do with a device (same org is required for all of it).
bool can_see(const User& user, const Device& device);
bool can_manage(const User& user, const Device& device);

}  // namespace onboard::cloud
