// The administration of an organization's users and its templates' names: who may,
// and what follows (sign-ins ended, devices moved, the last admin kept).
#include <algorithm>

#include "onboard/cloud/crypto/password.hpp"
#include "onboard/cloud/crypto/token.hpp"
#include "onboard/cloud/domain/accounts.hpp"

namespace onboard::cloud {

namespace {

AccountChange refused(Refusal refusal, std::string reason) {
  return AccountChange{refusal, std::move(reason), std::nullopt};
}

AccountChange not_admin() {
  return refused(Refusal::Forbidden, "managing users needs the admin role");
}

// The target user, if it is one of the actor's organization.
StoreResult<std::optional<User>> colleague(Records& r, const User& actor, Id user_id) {
  auto user = r.user_by_id(user_id);
  if (!user) return user.error();
  if (*user && (*user)->org_id != actor.org_id) return std::optional<User>();
  return user;
}

StoreResult<long> admins_of(Records& r, Id org_id) {
  auto users = r.users_of_org(org_id);
  if (!users) return users.error();
  return static_cast<long>(
      std::count_if(users->begin(), users->end(), [](const User& u) { return u.role == Role::Admin; }));
}

bool is_open(ProvisioningState state) {
  return state == ProvisioningState::Pending || state == ProvisioningState::Connected;
}

}  // namespace

StoreResult<std::optional<std::vector<User>>> list_users(Store& store, const User& actor) {
  if (!has_permission(actor.role, Permission::ManageUsers)) return std::optional<std::vector<User>>();
  auto users = store.read([&](Records& r) { return r.users_of_org(actor.org_id); });
  if (!users) return users.error();
  return std::optional<std::vector<User>>(std::move(*users));
}

StoreResult<AccountChange> create_user(Store& store, const User& actor, const std::string& email,
                                       const std::string& password, Role role) {
  if (!has_permission(actor.role, Permission::ManageUsers)) return not_admin();
  if (email.empty() || email.find('@') == std::string::npos || email.size() > 254)
    return refused(Refusal::Invalid, "email is not valid");
  if (auto problem = password_problem(password); !problem.empty()) return refused(Refusal::Invalid, problem);
  const auto hash = hash_password(password);  // slow on purpose: outside the transaction
  return store.write([&](Records& r) -> StoreResult<AccountChange> {
    auto user = r.insert_user(User{0, actor.org_id, email, hash, role});
    if (user.is(StoreErrorKind::Conflict)) return refused(Refusal::Conflict, "a user with this email exists");
    if (!user) return user.error();
    return AccountChange{Refusal::None, {}, *user};
  });
}

StoreResult<AccountChange> change_role(Store& store, const User& actor, Id user_id, Role role) {
  if (!has_permission(actor.role, Permission::ManageUsers)) return not_admin();
  return store.write([&](Records& r) -> StoreResult<AccountChange> {
    auto target = colleague(r, actor, user_id);
    if (!target) return target.error();
    if (!*target) return refused(Refusal::NotFound, "no such user in this organization");
    auto user = std::move(**target);
    if (user.role == Role::Admin && role != Role::Admin) {
      // Counted inside the write transaction: two admins demoting each other at once
      // cannot both pass.
      auto admins = admins_of(r, actor.org_id);
      if (!admins) return admins.error();
      if (*admins <= 1)
        return refused(Refusal::LastAdmin,
                       "this is the organization's last admin; make another user admin first");
    }
    if (auto s = r.update_user_role(user.id, role); !s) return s.error();
    user.role = role;
    return AccountChange{Refusal::None, {}, user};
  });
}

StoreResult<AccountChange> remove_user(Store& store, const Clock& clock, const User& actor, Id user_id) {
  if (!has_permission(actor.role, Permission::ManageUsers)) return not_admin();
  if (user_id == actor.id)
    return refused(Refusal::Invalid, "an admin cannot remove themselves; another admin can");
  const Millis now = clock.now();
  return store.write([&](Records& r) -> StoreResult<AccountChange> {
    auto target = colleague(r, actor, user_id);
    if (!target) return target.error();
    if (!*target) return refused(Refusal::NotFound, "no such user in this organization");
    const auto& user = **target;
    if (user.role == Role::Admin) {
      auto admins = admins_of(r, actor.org_id);
      if (!admins) return admins.error();
      if (*admins <= 1) return refused(Refusal::LastAdmin, "this is the organization's last admin");
    }
    ProvisioningFilter theirs;
    theirs.requester = user.id;
    theirs.limit = 1'000'000;
    auto sessions = r.provisioning_of_org(actor.org_id, theirs);
    if (!sessions) return sessions.error();
    for (auto& s : *sessions) {
      if (!is_open(s.state)) continue;
      s.state = s.expires_at <= now ? ProvisioningState::Expired : ProvisioningState::Failed;
      s.reason = s.state == ProvisioningState::Failed ? "requester_removed" : "";
      s.finished_at = s.state == ProvisioningState::Failed ? now : s.expires_at;
      if (auto u = r.update_provisioning(s); !u) return u.error();
    }
    if (auto n = r.delete_auth_sessions_of_user(user.id, std::nullopt); !n) return n.error();
    if (auto n = r.reassign_devices(user.id, actor.id); !n) return n.error();
    if (auto n = r.reassign_provisioning(user.id, actor.id); !n) return n.error();
    if (auto s = r.delete_user(user.id); !s) return s.error();
    return AccountChange{Refusal::None, {}, user};
  });
}

StoreResult<AccountChange> change_password(Store& store, const User& user, const std::string& bearer_token,
                                           const std::string& current, const std::string& next) {
  if (!verify_password(user.password_hash, current))
    return refused(Refusal::WrongPassword, "the current password is wrong");
  if (auto problem = password_problem(next); !problem.empty()) return refused(Refusal::Invalid, problem);
  const auto hash = hash_password(next);
  const auto keep = token_hash(bearer_token);
  return store.write([&](Records& r) -> StoreResult<AccountChange> {
    if (auto s = r.update_user_password(user.id, hash); !s) return s.error();
    if (auto n = r.delete_auth_sessions_of_user(user.id, keep); !n) return n.error();
    User changed = user;
    changed.password_hash = hash;
    return AccountChange{Refusal::None, {}, changed};
  });
}

StoreResult<AccountChange> rename_template(Store& store, const User& actor, const std::string& template_id,
                                           const std::string& name) {
  if (!has_permission(actor.role, Permission::ManageTemplates))
    return refused(Refusal::Forbidden, "renaming templates needs the admin or staff role");
  if (name.empty() || name.size() > 50) return refused(Refusal::Invalid, "'name' must be 1 to 50 characters");
  return store.write([&](Records& r) -> StoreResult<AccountChange> {
    auto t = r.template_by_id(template_id);
    if (!t) return t.error();
    if (!*t || (*t)->org_id != actor.org_id) return refused(Refusal::NotFound, "no such template");
    if (auto s = r.update_template_name(template_id, name); !s) return s.error();
    return AccountChange{};
  });
}

}  // namespace onboard::cloud
