// The administration of users and templates: roles, passwords, removal (with the
// moves the domain asks for first), template names.
#include "../record_rows.hpp"
#include "pg_store.hpp"

namespace onboard::cloud::pg {

StoreResult<std::vector<User>> PgRecords::users_of_org(Id org_id) {
  auto r = run(std::string(rows::kUserColumns) + "WHERE org_id = $1 ORDER BY id", Params(org_id));
  if (!r) return failed(r);
  std::vector<User> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(rows::user_from(r.row(i)));
  return out;
}

StoreStatus PgRecords::update_user_role(Id id, Role role) {
  auto r = run("UPDATE users SET role = $1 WHERE id = $2", Params(std::string(to_string(role)), id));
  if (!r) return failed(r);
  return done();
}

StoreStatus PgRecords::update_user_password(Id id, const std::string& password_hash) {
  auto r = run("UPDATE users SET password_hash = $1 WHERE id = $2", Params(password_hash, id));
  if (!r) return failed(r);
  return done();
}

StoreStatus PgRecords::delete_user(Id id) {
  auto r = run("DELETE FROM users WHERE id = $1", Params(id));
  if (!r) return failed(r);
  return done();
}

StoreResult<long> PgRecords::delete_auth_sessions_of_user(Id user_id,
                                                          const std::optional<std::string>& keep) {
  auto r = run("DELETE FROM auth_sessions WHERE user_id = $1 AND token_hash <> $2",
               Params(user_id, keep.value_or(std::string())));
  if (!r) return failed(r);
  return r.affected();
}

StoreResult<long> PgRecords::reassign_devices(Id from, Id to) {
  inserted_.reset();
  auto r = run("UPDATE devices SET owner_id = $1 WHERE owner_id = $2", Params(to, from));
  if (!r) return failed(r);
  return r.affected();
}

StoreResult<long> PgRecords::reassign_provisioning(Id from, Id to) {
  auto r =
      run("UPDATE provisioning_sessions SET requester_id = $1 WHERE requester_id = $2", Params(to, from));
  if (!r) return failed(r);
  return r.affected();
}

StoreStatus PgRecords::update_template_name(const std::string& id, const std::string& name) {
  auto r = run("UPDATE templates SET name = $1 WHERE id = $2", Params(name, id));
  if (!r) return failed(r);
  return done();
}

}  // namespace onboard::cloud::pg
