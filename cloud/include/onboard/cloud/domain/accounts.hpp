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

// Why an administration call did nothing (None: it did what was asked).
enum class Refusal { None, Forbidden, NotFound, Invalid, Conflict, LastAdmin, WrongPassword };

struct AccountChange {
  Refusal refusal = Refusal::None;
  std::string reason;        // for the caller, when refused
  std::optional<User> user;  // the user as changed (create, role change)
  explicit operator bool() const { return refusal == Refusal::None; }
};

// The rule for a new password (CLI `user add`, POST /users, a change): empty when acceptable.
std::string password_problem(const std::string& password);

// The users of the actor's organization (admins only).
StoreResult<std::optional<std::vector<User>>> list_users(Store& store, const User& actor);
// A new user in the actor's organization (admins only).
StoreResult<AccountChange> create_user(Store& store, const User& actor, const std::string& email,
                                       const std::string& password, Role role);
// Admins only; the organization keeps at least one admin.
StoreResult<AccountChange> change_role(Store& store, const User& actor, Id user_id, Role role);
// Admins only, not oneself: the user's sign-ins end, their devices and provisioning
// sessions become the actor's, and their open provisioning sessions fail (a removed
// person's token must not activate anything).
StoreResult<AccountChange> remove_user(Store& store, const Clock& clock, const User& actor, Id user_id);
// The user's own password: the current one is checked, the user's other sign-ins end.
StoreResult<AccountChange> change_password(Store& store, const User& user, const std::string& bearer_token,
                                           const std::string& current, const std::string& next);
// Admins and staff; a template of another organization is NotFound.
StoreResult<AccountChange> rename_template(Store& store, const User& actor, const std::string& template_id,
                                           const std::string& name);

// What a user may do with a device (same org is required for all of it).
bool can_see(const User& user, const Device& device);
bool can_manage(const User& user, const Device& device);

}  // namespace onboard::cloud
