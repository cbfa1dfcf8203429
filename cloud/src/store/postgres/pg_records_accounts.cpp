#include "../record_rows.hpp"
#include "pg_store.hpp"

namespace onboard::cloud::pg {

namespace {
using rows::kUserColumns;

StoreFailure taken(const char* what) {
  return store_failure(StoreErrorKind::Conflict, what);
}
}  // namespace

Result PgRecords::run(std::string_view sql, const Params& params) {
  conn_.set_owner(owner_);
  auto r = conn_.exec(sql, params);
  if (!r) {
    last_error_ = r.error();
    if (conn_.failed_owner() != owner_) foreign_failure_ = true;
  }
  return r;
}

StoreStatus PgRecords::later(std::string_view sql, const Params& params) {
  conn_.set_owner(owner_);
  conn_.defer(sql, params);
  return done();
}

StoreFailure PgRecords::failed(const Result& r) {
  return failure_of(r.error());
}

StoreResult<long> PgRecords::count(std::string_view sql, const Params& params) {
  auto r = run(sql, params);
  if (!r) return failed(r);
  return r.empty() ? 0L : static_cast<long>(r.int64(0, 0));
}

StoreStatus PgRecords::update_unique(std::string_view sql, const Params& params, const char* conflict) {
  inserted_.reset();
  // The savepoint and its end travel with the neighbouring statements: one round trip.
  conn_.set_owner(owner_);
  conn_.defer_script("SAVEPOINT unique_update");
  auto r = run(sql, params);
  if (!r && r.error().kind == ErrorKind::Conflict && conn_.connected() && conn_.failed_at_last()) {
    conn_.defer_script("ROLLBACK TO SAVEPOINT unique_update");
    return taken(conflict);
  }
  if (!r) return failed(r);
  conn_.defer_script("RELEASE SAVEPOINT unique_update");
  return done();
}

StoreResult<std::optional<Id>> PgRecords::org_by_name(const std::string& name) {
  auto r = run("SELECT id FROM orgs WHERE name = $1", Params(name));
  if (!r) return failed(r);
  if (r.empty()) return std::optional<Id>();
  return std::optional<Id>(r.int64(0, 0));
}

// Inserts say ON CONFLICT DO NOTHING: a taken key answers no row instead of aborting
// the transaction, as SQLite's statement-level failure does.
StoreResult<Id> PgRecords::insert_org(const std::string& name) {
  auto r = run("INSERT INTO orgs (name) VALUES ($1) ON CONFLICT DO NOTHING RETURNING id", Params(name));
  if (!r) return failed(r);
  if (r.empty()) return taken("an organization with this name exists");
  return Id{r.int64(0, 0)};
}

StoreResult<User> PgRecords::insert_user(const User& user) {
  auto r = run(
      "INSERT INTO users (org_id, email, password_hash, role) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING "
      "RETURNING id",
      Params(user.org_id, user.email, user.password_hash, std::string(to_string(user.role))));
  if (!r) return failed(r);
  if (r.empty()) return taken("a user with this email exists");
  User out = user;
  out.id = r.int64(0, 0);
  return out;
}

StoreResult<std::optional<User>> PgRecords::user_by_email(const std::string& email) {
  auto r = run(std::string(kUserColumns) + "WHERE email = $1", Params(email));
  if (!r) return failed(r);
  if (r.empty()) return std::optional<User>();
  return std::optional<User>(rows::user_from(r.row(0)));
}

StoreResult<std::optional<User>> PgRecords::user_by_id(Id id) {
  auto r = run(std::string(kUserColumns) + "WHERE id = $1", Params(id));
  if (!r) return failed(r);
  if (r.empty()) return std::optional<User>();
  return std::optional<User>(rows::user_from(r.row(0)));
}

StoreStatus PgRecords::insert_auth_session(const std::string& hash, Id user_id, Millis expires_at) {
  auto r =
      run("INSERT INTO auth_sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO "
          "NOTHING "
          "RETURNING 1",
          Params(hash, user_id, expires_at));
  if (!r) return failed(r);
  if (r.empty()) return taken("session token collision");
  return done();
}

StoreResult<std::optional<Id>> PgRecords::auth_session_user(const std::string& hash, Millis now) {
  auto r =
      run("SELECT user_id FROM auth_sessions WHERE token_hash = $1 AND expires_at > $2", Params(hash, now));
  if (!r) return failed(r);
  if (r.empty()) return std::optional<Id>();
  return std::optional<Id>(r.int64(0, 0));
}

StoreResult<long> PgRecords::delete_auth_sessions_expired(Millis now) {
  auto r = run("DELETE FROM auth_sessions WHERE expires_at <= $1", Params(now));
  if (!r) return failed(r);
  return r.affected();
}

StoreStatus PgRecords::delete_auth_session(const std::string& hash) {
  auto r = run("DELETE FROM auth_sessions WHERE token_hash = $1", Params(hash));
  if (!r) return failed(r);
  return done();
}

StoreStatus PgRecords::insert_template(const Template& t) {
  auto r = run(
      "INSERT INTO templates (id, org_id, name, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING "
      "RETURNING 1",
      Params(t.id, t.org_id, t.name, t.created_at));
  if (!r) return failed(r);
  if (r.empty()) return taken("template id collision");
  return done();
}

StoreResult<std::vector<Template>> PgRecords::templates_of_org(Id org_id) {
  auto r = run("SELECT id, org_id, name, created_at FROM templates WHERE org_id = $1 ORDER BY created_at, id",
               Params(org_id));
  if (!r) return failed(r);
  std::vector<Template> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back(Template{r.text(i, 0), r.int64(i, 1), r.text(i, 2), r.int64(i, 3)});
  return out;
}

StoreResult<std::optional<Template>> PgRecords::template_by_id(const std::string& id) {
  auto r = run("SELECT id, org_id, name, created_at FROM templates WHERE id = $1", Params(id));
  if (!r) return failed(r);
  if (r.empty()) return std::optional<Template>();
  return std::optional<Template>(Template{r.text(0, 0), r.int64(0, 1), r.text(0, 2), r.int64(0, 3)});
}

StoreStatus PgRecords::touch_health(Millis now) {
  return later("INSERT INTO health (id, ts) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET ts = excluded.ts",
               Params(now));
}

}  // namespace onboard::cloud::pg
