#include "sqlite_store.hpp"

namespace onboard::cloud {

std::unique_ptr<Store> open_sqlite_store(const std::string& path) {
  return std::make_unique<sqlite::SqliteStore>(path);
}

}  // namespace onboard::cloud

namespace onboard::cloud::sqlite {

namespace {
User user_from(Stmt& s) {
  User u;
  u.id = s.int64(0);
  u.org_id = s.int64(1);
  u.email = s.text(2);
  u.password_hash = s.text(3);
  u.role = role_from(s.text(4)).value_or(Role::User);
  return u;
}
constexpr const char* kUserColumns = "SELECT id, org_id, email, password_hash, role FROM users ";
}  // namespace

SqliteStore::SqliteStore(const std::string& path) : db_(path) {
  migrate(db_);
}

Id SqliteStore::find_or_create_org(const std::string& name) {
  std::lock_guard lock(mutex_);
  Stmt find(db_, "SELECT id FROM orgs WHERE name = ?");
  find.bind(1, name);
  if (find.step()) return find.int64(0);
  Stmt insert(db_, "INSERT INTO orgs (name) VALUES (?)");
  insert.bind(1, name).run();
  return db_.last_insert_id();
}

std::optional<User> SqliteStore::create_user(Id org_id, const std::string& email,
                                             const std::string& password_hash, Role role) {
  std::lock_guard lock(mutex_);
  Stmt insert(db_, "INSERT INTO users (org_id, email, password_hash, role) VALUES (?, ?, ?, ?)");
  insert.bind(1, org_id).bind(2, email).bind(3, password_hash).bind(4, to_string(role));
  if (!insert.run()) return std::nullopt;
  return User{db_.last_insert_id(), org_id, email, password_hash, role};
}

std::optional<User> SqliteStore::find_user_by_email(const std::string& email) {
  std::lock_guard lock(mutex_);
  Stmt s(db_, (std::string(kUserColumns) + "WHERE email = ?").c_str());
  s.bind(1, email);
  if (!s.step()) return std::nullopt;
  return user_from(s);
}

std::optional<User> SqliteStore::find_user(Id id) {
  std::lock_guard lock(mutex_);
  Stmt s(db_, (std::string(kUserColumns) + "WHERE id = ?").c_str());
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return user_from(s);
}

void SqliteStore::create_auth_session(const std::string& hash, Id user_id, Millis expires_at) {
  std::lock_guard lock(mutex_);
  Stmt purge(db_, "DELETE FROM auth_sessions WHERE expires_at < ?");
  purge.bind(1, now_ms()).run();
  Stmt s(db_, "INSERT INTO auth_sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)");
  s.bind(1, hash).bind(2, user_id).bind(3, expires_at).run();
}

std::optional<Id> SqliteStore::find_auth_session(const std::string& hash, Millis now) {
  std::lock_guard lock(mutex_);
  Stmt s(db_, "SELECT user_id FROM auth_sessions WHERE token_hash = ? AND expires_at > ?");
  s.bind(1, hash).bind(2, now);
  if (!s.step()) return std::nullopt;
  return s.int64(0);
}

void SqliteStore::create_template(const Template& t) {
  std::lock_guard lock(mutex_);
  Stmt s(db_, "INSERT INTO templates (id, org_id, name, created_at) VALUES (?, ?, ?, ?)");
  s.bind(1, t.id).bind(2, t.org_id).bind(3, t.name).bind(4, t.created_at);
  if (!s.run()) throw StoreError("template id collision");
}

std::vector<Template> SqliteStore::list_templates(Id org_id) {
  std::lock_guard lock(mutex_);
  Stmt s(db_, "SELECT id, org_id, name, created_at FROM templates WHERE org_id = ? ORDER BY created_at, id");
  s.bind(1, org_id);
  std::vector<Template> out;
  while (s.step()) out.push_back(Template{s.text(0), s.int64(1), s.text(2), s.int64(3)});
  return out;
}

std::optional<Template> SqliteStore::find_template(const std::string& id) {
  std::lock_guard lock(mutex_);
  Stmt s(db_, "SELECT id, org_id, name, created_at FROM templates WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return Template{s.text(0), s.int64(1), s.text(2), s.int64(3)};
}

}  // namespace onboard::cloud::sqlite
