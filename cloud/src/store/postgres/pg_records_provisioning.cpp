#include "../record_rows.hpp"
#include "pg_store.hpp"

namespace onboard::cloud::pg {

namespace {
using rows::kSessionColumns;
using OptSession = StoreResult<std::optional<ProvisioningSession>>;
}  // namespace

OptSession PgRecords::session_where(const char* where, const Params& params) {
  auto r = run(std::string(kSessionColumns) + where, params);
  if (!r) return failed(r);
  if (r.empty()) return std::optional<ProvisioningSession>();
  return std::optional<ProvisioningSession>(rows::session_from(r.row(0)));
}

StoreResult<Id> PgRecords::insert_provisioning(const ProvisioningSession& p) {
  auto r = run(
      "INSERT INTO provisioning_sessions (token_hash, template_id, org_id, requester_id, device_id, state, "
      "reason, "
      "created_at, expires_at, reconfigure) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO "
      "NOTHING RETURNING id",
      Params(p.token_hash, p.template_id, p.org_id, p.requester_id, p.device_id,
             std::string(to_string(p.state)), p.reason, p.created_at, p.expires_at, p.reconfigure));
  if (!r) return failed(r);
  if (r.empty()) return store_failure(StoreErrorKind::Conflict, "provisioning token collision");
  return Id{r.int64(0, 0)};
}

OptSession PgRecords::provisioning_by_id(Id id) {
  return session_where("WHERE id = $1", Params(id));
}

OptSession PgRecords::provisioning_by_token(const std::string& hash) {
  return session_where("WHERE token_hash = $1", Params(hash));
}

StoreStatus PgRecords::update_provisioning(const ProvisioningSession& p) {
  return later(
      "UPDATE provisioning_sessions SET state = $1, reason = $2, device_id = $3, connected_at = $4, "
      "finished_at = $5 WHERE id = $6",
      Params(std::string(to_string(p.state)), p.reason, p.device_id, p.connected_at, p.finished_at, p.id));
}

StoreResult<std::vector<ProvisioningSession>> PgRecords::open_provisioning_of_device(Id device_id) {
  auto r = run(
      std::string(kSessionColumns) + "WHERE device_id = $1 AND state IN ('pending', 'connected') ORDER BY id",
      Params(device_id));
  if (!r) return failed(r);
  std::vector<ProvisioningSession> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(rows::session_from(r.row(i)));
  return out;
}

StoreResult<std::map<std::string, long>> PgRecords::count_provisioning_by_state() {
  std::map<std::string, long> out;
  for (auto state : {ProvisioningState::Pending, ProvisioningState::Connected, ProvisioningState::Activated,
                     ProvisioningState::Failed, ProvisioningState::Expired})
    out[std::string(to_string(state))] = 0;
  auto r = run("SELECT state, COUNT(*) FROM provisioning_sessions GROUP BY state");
  if (!r) return failed(r);
  for (int i = 0; i < r.rows(); ++i) out[r.text(i, 0)] = static_cast<long>(r.int64(i, 1));
  return out;
}

StoreResult<long> PgRecords::count_provisioning_since(Id requester_id, Millis since) {
  return count("SELECT COUNT(*) FROM provisioning_sessions WHERE requester_id = $1 AND created_at >= $2",
               Params(requester_id, since));
}

StoreResult<long> PgRecords::delete_provisioning_expired(Millis before) {
  auto r =
      run("DELETE FROM provisioning_sessions WHERE expires_at < $1 AND state <> 'activated'", Params(before));
  if (!r) return failed(r);
  return r.affected();
}

StoreResult<std::vector<ProvisioningSession>> PgRecords::provisioning_of_org(
    Id org_id, const ProvisioningFilter& filter) {
  auto r = run(std::string(kSessionColumns) +
                   "WHERE org_id = $1 AND ($2::BIGINT IS NULL OR requester_id = $2) AND ($3::TEXT IS NULL OR "
                   "template_id = $3) ORDER BY created_at DESC, id DESC LIMIT $4",
               Params(org_id, filter.requester, filter.template_id, std::int64_t{filter.limit}));
  if (!r) return failed(r);
  std::vector<ProvisioningSession> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(rows::session_from(r.row(i)));
  return out;
}

}  // namespace onboard::cloud::pg
