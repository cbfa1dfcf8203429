#include "onboard/cloud/domain/accounts.hpp"

#include "onboard/cloud/crypto/password.hpp"
#include "onboard/cloud/crypto/token.hpp"

namespace onboard::cloud {

AddUserResult add_user(Store& store, const std::string& email, const std::string& password, Role role,
                       const std::string& org_name) {
  if (email.empty() || email.find('@') == std::string::npos || email.size() > 254)
    return {{}, "email is not valid"};
  if (password.size() < 8) return {{}, "password needs at least 8 characters"};
  if (org_name.empty() || org_name.size() > 100) return {{}, "org name must be 1 to 100 characters"};
  const Id org = store.find_or_create_org(org_name);
  auto user = store.create_user(org, email, hash_password(password), role);
  if (!user) return {{}, "a user with this email exists"};
  return {user, {}};
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

std::optional<SignIn> sign_in(Store& store, const std::string& email, const std::string& password,
                              long ttl_seconds) {
  const auto& unknown = unknown_user_hash();
  auto user = store.find_user_by_email(email);
  if (!user) {
    (void)verify_password(unknown, password);
    return std::nullopt;
  }
  if (!verify_password(user->password_hash, password)) return std::nullopt;
  SignIn out{random_token(32), *user};
  store.create_auth_session(token_hash(out.token), user->id, now_ms() + ttl_seconds * 1000);
  return out;
}

std::optional<User> authenticate(Store& store, const std::string& bearer_token) {
  if (bearer_token.empty() || bearer_token.size() > 128) return std::nullopt;
  auto user_id = store.find_auth_session(token_hash(bearer_token), now_ms());
  if (!user_id) return std::nullopt;
  return store.find_user(*user_id);
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
