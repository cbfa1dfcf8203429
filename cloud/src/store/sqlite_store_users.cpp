// The administration of users and templates: roles, passwords, removal (with the
// moves the domain asks for first), template names.
#include "record_rows.hpp"
#include "sqlite_store.hpp"

namespace onboard::cloud::sqlite {

StoreResult<std::vector<User>> SqliteRecords::users_of_org(Id org_id) {
  return guarded([&]() -> StoreResult<std::vector<User>> {
    Stmt s(db_, (std::string(rows::kUserColumns) + "WHERE org_id = ? ORDER BY id").c_str());
    s.bind(1, org_id);
    std::vector<User> out;
    while (s.step()) out.push_back(rows::user_from(s));
    return out;
  });
}

StoreStatus SqliteRecords::update_user_role(Id id, Role role) {
  return guarded([&]() -> StoreStatus {
    Stmt s(db_, "UPDATE users SET role = ? WHERE id = ?");
    s.bind(1, to_string(role)).bind(2, id).exec();
    return done();
  });
}

StoreStatus SqliteRecords::update_user_password(Id id, const std::string& password_hash) {
  return guarded([&]() -> StoreStatus {
    Stmt s(db_, "UPDATE users SET password_hash = ? WHERE id = ?");
    s.bind(1, password_hash).bind(2, id).exec();
    return done();
  });
}

StoreStatus SqliteRecords::delete_user(Id id) {
  return guarded([&]() -> StoreStatus {
    Stmt s(db_, "DELETE FROM users WHERE id = ?");
    s.bind(1, id).exec();
    return done();
  });
}

StoreResult<long> SqliteRecords::delete_auth_sessions_of_user(Id user_id,
                                                              const std::optional<std::string>& keep) {
  return guarded([&]() -> StoreResult<long> {
    Stmt s(db_, "DELETE FROM auth_sessions WHERE user_id = ? AND token_hash <> ?");
    s.bind(1, user_id).bind(2, keep.value_or(std::string())).exec();
    return static_cast<long>(db_.changes());
  });
}

StoreResult<long> SqliteRecords::reassign_devices(Id from, Id to) {
  return guarded([&]() -> StoreResult<long> {
    Stmt s(db_, "UPDATE devices SET owner_id = ? WHERE owner_id = ?");
    s.bind(1, to).bind(2, from).exec();
    return static_cast<long>(db_.changes());
  });
}

StoreResult<long> SqliteRecords::reassign_provisioning(Id from, Id to) {
  return guarded([&]() -> StoreResult<long> {
    Stmt s(db_, "UPDATE provisioning_sessions SET requester_id = ? WHERE requester_id = ?");
    s.bind(1, to).bind(2, from).exec();
    return static_cast<long>(db_.changes());
  });
}

StoreStatus SqliteRecords::update_template_name(const std::string& id, const std::string& name) {
  return guarded([&]() -> StoreStatus {
    Stmt s(db_, "UPDATE templates SET name = ? WHERE id = ?");
    s.bind(1, name).bind(2, id).exec();
    return done();
  });
}

}  // namespace onboard::cloud::sqlite
