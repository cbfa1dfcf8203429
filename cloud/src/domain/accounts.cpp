#include "onboard/cloud/domain/accounts.hpp"

#include "onboard/cloud/crypto/password.hpp"
#include "onboard/cloud/crypto/token.hpp"

namespace onboard::cloud {

std::string password_problem(const std::string& password) {
  if (password.size() < 8) return "password needs at least 8 characters";
  if (password.size() > 1024) return "password must be at most 1024 characters";
  return {};
}

StoreResult<AddUserResult> add_user(Store& store, const std::string& email, const std::string& password,
                                    Role role, const std::string& org_name) {
  if (email.empty() || email.find('@') == std::string::npos || email.size() > 254)
    return AddUserResult{{}, "email is not valid"};
  if (auto problem = password_problem(password); !problem.empty()) return AddUserResult{{}, problem};
  if (org_name.empty() || org_name.size() > 100)
    return AddUserResult{{}, "org name must be 1 to 100 characters"};
  const auto hash = hash_password(password);  // slow on purpose: outside the transaction
  return store.write([&](Records& r) -> StoreResult<AddUserResult> {
    auto org = r.org_by_name(org_name);
    if (!org) return org.error();
    Id org_id = 0;
    if (*org) {
      org_id = **org;
    } else {
      auto created = r.insert_org(org_name);
      if (!created) return created.error();
      org_id = *created;
    }
    auto user = r.insert_user(User{0, org_id, email, hash, role});
    if (user.is(StoreErrorKind::Conflict)) return AddUserResult{{}, "a user with this email exists"};
    if (!user) return user.error();
    return AddUserResult{*user, {}};
  });
}

namespace {
// A hash made like every user's, for emails that name no user: verifying
// against it costs what a wrong password costs, so the answer's timing does
// not tell which emails have accounts. Made on the first sign-in of any kind.
const std::string& unknown_user_hash() {
  static const std::string hash = hash_password("onboard: no such user");
  return hash;
}
}  // namespace

StoreResult<std::optional<SignIn>> sign_in(Store& store, const Clock& clock, const std::string& email,
                                           const std::string& password, long ttl_seconds) {
  const auto& unknown = unknown_user_hash();
  auto user = store.read([&](Records& r) { return r.user_by_email(email); });
  if (!user) return user.error();
  if (!*user) {
    (void)verify_password(unknown, password);
    return std::optional<SignIn>();
  }
  if (!verify_password((*user)->password_hash, password)) return std::optional<SignIn>();
  SignIn out{random_token(32), **user};
  const Millis now = clock.now();
  auto saved = store.write([&](Records& r) -> StoreStatus {
    if (auto purged = r.delete_auth_sessions_expired(now); !purged) return purged.error();
    return r.insert_auth_session(token_hash(out.token), out.user.id, now + ttl_seconds * 1000);
  });
  if (!saved) return saved.error();
  return std::optional<SignIn>(std::move(out));
}

StoreResult<std::optional<User>> authenticate(Store& store, const Clock& clock,
                                              const std::string& bearer_token) {
  if (bearer_token.empty() || bearer_token.size() > 128) return std::optional<User>();
  const auto hash = token_hash(bearer_token);
  const Millis now = clock.now();
  return store.read([&](Records& r) -> StoreResult<std::optional<User>> {
    auto user_id = r.auth_session_user(hash, now);
    if (!user_id) return user_id.error();
    if (!*user_id) return std::optional<User>();
    return r.user_by_id(**user_id);
  });
}

StoreStatus sign_out(Store& store, const std::string& bearer_token) {
  const auto hash = token_hash(bearer_token);
  return store.write([&](Records& r) { return r.delete_auth_session(hash); });
}

bool can_see(const User& user, const Device& device) {
  if (user.org_id != device.org_id) return false;
  return device.owner_id == user.id || has_permission(user.role, Permission::SeeAllDevices);
}

bool can_manage(const User& user, const Device& device) {
  if (user.org_id != device.org_id) return false;
  return device.owner_id == user.id || has_permission(user.role, Permission::ManageAllDevices);
}

}  // namespace onboard::cloud
