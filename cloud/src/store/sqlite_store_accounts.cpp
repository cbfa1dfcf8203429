#include "record_rows.hpp"
#include "sqlite_store.hpp"

namespace onboard::cloud::sqlite {

namespace {
using rows::kUserColumns;
using rows::user_from;

StoreFailure taken(const char* what) {
  return store_failure(StoreErrorKind::Conflict, what);
}
}  // namespace

long SqliteRecords::count(const char* sql, Id id) {
  Stmt s(db_, sql);
  s.bind(1, id);
  return s.step() ? static_cast<long>(s.int64(0)) : 0;
}

StoreResult<std::optional<Id>> SqliteRecords::org_by_name(const std::string& name) {
  return guarded([&]() -> StoreResult<std::optional<Id>> {
    Stmt find(db_, "SELECT id FROM orgs WHERE name = ?");
    find.bind(1, name);
    if (!find.step()) return std::optional<Id>();
    return std::optional<Id>(find.int64(0));
  });
}

StoreResult<Id> SqliteRecords::insert_org(const std::string& name) {
  return guarded([&]() -> StoreResult<Id> {
    Stmt insert(db_, "INSERT INTO orgs (name) VALUES (?)");
    insert.bind(1, name);
    if (!insert.run()) return taken("an organization with this name exists");
    return Id{db_.last_insert_id()};
  });
}

StoreResult<User> SqliteRecords::insert_user(const User& user) {
  return guarded([&]() -> StoreResult<User> {
    Stmt insert(db_, "INSERT INTO users (org_id, email, password_hash, role) VALUES (?, ?, ?, ?)");
    insert.bind(1, user.org_id).bind(2, user.email).bind(3, user.password_hash).bind(4, to_string(user.role));
    if (!insert.run()) return taken("a user with this email exists");
    User out = user;
    out.id = db_.last_insert_id();
    return out;
  });
}

StoreResult<std::optional<User>> SqliteRecords::user_by_email(const std::string& email) {
  return guarded([&]() -> StoreResult<std::optional<User>> {
    Stmt s(db_, (std::string(kUserColumns) + "WHERE email = ?").c_str());
    s.bind(1, email);
    if (!s.step()) return std::optional<User>();
    return std::optional<User>(user_from(s));
  });
}

StoreResult<std::optional<User>> SqliteRecords::user_by_id(Id id) {
  return guarded([&]() -> StoreResult<std::optional<User>> {
    Stmt s(db_, (std::string(kUserColumns) + "WHERE id = ?").c_str());
    s.bind(1, id);
    if (!s.step()) return std::optional<User>();
    return std::optional<User>(user_from(s));
  });
}

StoreStatus SqliteRecords::insert_auth_session(const std::string& hash, Id user_id, Millis expires_at) {
  return guarded([&]() -> StoreStatus {
    Stmt s(db_, "INSERT INTO auth_sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)");
    s.bind(1, hash).bind(2, user_id).bind(3, expires_at);
    if (!s.run()) return taken("session token collision");
    return done();
  });
}

StoreResult<std::optional<Id>> SqliteRecords::auth_session_user(const std::string& hash, Millis now) {
  return guarded([&]() -> StoreResult<std::optional<Id>> {
    Stmt s(db_, "SELECT user_id FROM auth_sessions WHERE token_hash = ? AND expires_at > ?");
    s.bind(1, hash).bind(2, now);
    if (!s.step()) return std::optional<Id>();
    return std::optional<Id>(s.int64(0));
  });
}

StoreStatus SqliteRecords::delete_auth_session(const std::string& hash) {
  return guarded([&]() -> StoreStatus {
    Stmt s(db_, "DELETE FROM auth_sessions WHERE token_hash = ?");
    s.bind(1, hash).exec();
    return done();
  });
}

StoreResult<long> SqliteRecords::delete_auth_sessions_expired(Millis now) {
  return guarded([&]() -> StoreResult<long> {
    Stmt s(db_, "DELETE FROM auth_sessions WHERE expires_at <= ?");
    s.bind(1, now).exec();
    return static_cast<long>(db_.changes());
  });
}

StoreStatus SqliteRecords::insert_template(const Template& t) {
  return guarded([&]() -> StoreStatus {
    Stmt s(db_, "INSERT INTO templates (id, org_id, name, created_at) VALUES (?, ?, ?, ?)");
    s.bind(1, t.id).bind(2, t.org_id).bind(3, t.name).bind(4, t.created_at);
    if (!s.run()) return taken("template id collision");
    return done();
  });
}

StoreResult<std::vector<Template>> SqliteRecords::templates_of_org(Id org_id) {
  return guarded([&]() -> StoreResult<std::vector<Template>> {
    Stmt s(db_,
           "SELECT id, org_id, name, created_at FROM templates WHERE org_id = ? ORDER BY created_at, id");
    s.bind(1, org_id);
    std::vector<Template> out;
    while (s.step()) out.push_back(Template{s.text(0), s.int64(1), s.text(2), s.int64(3)});
    return out;
  });
}

StoreResult<std::optional<Template>> SqliteRecords::template_by_id(const std::string& id) {
  return guarded([&]() -> StoreResult<std::optional<Template>> {
    Stmt s(db_, "SELECT id, org_id, name, created_at FROM templates WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::optional<Template>();
    return std::optional<Template>(Template{s.text(0), s.int64(1), s.text(2), s.int64(3)});
  });
}

StoreStatus SqliteRecords::touch_health(Millis now) {
  return guarded([&]() -> StoreStatus {
    Stmt s(db_, "INSERT INTO health (id, ts) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET ts = excluded.ts");
    s.bind(1, now).exec();
    return done();
  });
}

}  // namespace onboard::cloud::sqlite
