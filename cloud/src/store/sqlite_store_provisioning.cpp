#include "record_rows.hpp"
#include "sqlite_store.hpp"

namespace onboard::cloud::sqlite {

namespace {
using rows::kSessionColumns;
using rows::session_from;
}  // namespace

std::optional<ProvisioningSession> SqliteRecords::session_where(const char* where,
                                                                const std::function<void(Stmt&)>& binder) {
  Stmt s(db_, (std::string(kSessionColumns) + where).c_str());
  binder(s);
  if (!s.step()) return std::nullopt;
  return session_from(s);
}

StoreResult<Id> SqliteRecords::insert_provisioning(const ProvisioningSession& p) {
  return guarded([&]() -> StoreResult<Id> {
    Stmt s(
        db_,
        "INSERT INTO provisioning_sessions (token_hash, template_id, org_id, requester_id, device_id, state, "
        "reason, created_at, expires_at, reconfigure) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, p.token_hash).bind(2, p.template_id).bind(3, p.org_id).bind(4, p.requester_id);
    s.bind(5, p.device_id).bind(6, to_string(p.state)).bind(7, p.reason).bind(8, p.created_at);
    s.bind(9, p.expires_at).bind(10, std::int64_t{p.reconfigure ? 1 : 0});
    if (!s.run()) return store_failure(StoreErrorKind::Conflict, "provisioning token collision");
    return Id{db_.last_insert_id()};
  });
}

StoreResult<std::optional<ProvisioningSession>> SqliteRecords::provisioning_by_id(Id id) {
  return guarded([&]() -> StoreResult<std::optional<ProvisioningSession>> {
    return session_where("WHERE id = ?", [&](Stmt& s) { s.bind(1, id); });
  });
}

StoreResult<std::optional<ProvisioningSession>> SqliteRecords::provisioning_by_token(
    const std::string& hash) {
  return guarded([&]() -> StoreResult<std::optional<ProvisioningSession>> {
    return session_where("WHERE token_hash = ?", [&](Stmt& s) { s.bind(1, hash); });
  });
}

StoreStatus SqliteRecords::update_provisioning(const ProvisioningSession& p) {
  return guarded([&]() -> StoreStatus {
    Stmt s(db_,
           "UPDATE provisioning_sessions SET state = ?, reason = ?, device_id = ?, connected_at = ?, "
           "finished_at = ? WHERE id = ?");
    s.bind(1, to_string(p.state)).bind(2, p.reason).bind(3, p.device_id).bind(4, p.connected_at);
    s.bind(5, p.finished_at).bind(6, p.id).exec();
    return done();
  });
}

StoreResult<std::vector<ProvisioningSession>> SqliteRecords::open_provisioning_of_device(Id device_id) {
  return guarded([&]() -> StoreResult<std::vector<ProvisioningSession>> {
    Stmt s(db_, (std::string(kSessionColumns) +
                 "WHERE device_id = ? AND state IN ('pending', 'connected') ORDER BY id")
                    .c_str());
    s.bind(1, device_id);
    std::vector<ProvisioningSession> out;
    while (s.step()) out.push_back(session_from(s));
    return out;
  });
}

StoreResult<std::map<std::string, long>> SqliteRecords::count_provisioning_by_state() {
  return guarded([&]() -> StoreResult<std::map<std::string, long>> {
    std::map<std::string, long> out;
    for (auto state : {ProvisioningState::Pending, ProvisioningState::Connected, ProvisioningState::Activated,
                       ProvisioningState::Failed, ProvisioningState::Expired}) {
      out[std::string(to_string(state))] = 0;
    }
    Stmt s(db_, "SELECT state, COUNT(*) FROM provisioning_sessions GROUP BY state");
    while (s.step()) out[s.text(0)] = static_cast<long>(s.int64(1));
    return out;
  });
}

StoreResult<long> SqliteRecords::count_provisioning_since(Id requester_id, Millis since) {
  return guarded([&]() -> StoreResult<long> {
    Stmt s(db_, "SELECT COUNT(*) FROM provisioning_sessions WHERE requester_id = ? AND created_at >= ?");
    s.bind(1, requester_id).bind(2, since);
    return s.step() ? static_cast<long>(s.int64(0)) : 0L;
  });
}

StoreResult<long> SqliteRecords::delete_provisioning_expired(Millis before) {
  return guarded([&]() -> StoreResult<long> {
    Stmt s(db_, "DELETE FROM provisioning_sessions WHERE expires_at < ? AND state <> 'activated'");
    s.bind(1, before).exec();
    return static_cast<long>(db_.changes());
  });
}

StoreResult<std::vector<ProvisioningSession>> SqliteRecords::provisioning_of_org(
    Id org_id, const ProvisioningFilter& filter) {
  return guarded([&]() -> StoreResult<std::vector<ProvisioningSession>> {
    Stmt s(db_, (std::string(kSessionColumns) +
                 "WHERE org_id = ? AND (? IS NULL OR requester_id = ?) AND (? IS NULL OR template_id = ?) "
                 "ORDER BY created_at DESC, id DESC LIMIT ?")
                    .c_str());
    s.bind(1, org_id).bind(2, filter.requester).bind(3, filter.requester);
    if (filter.template_id) {
      s.bind(4, *filter.template_id).bind(5, *filter.template_id);
    } else {
      s.bind_null(4).bind_null(5);
    }
    s.bind(6, std::int64_t{filter.limit});
    std::vector<ProvisioningSession> out;
    while (s.step()) out.push_back(session_from(s));
    return out;
  });
}

}  // namespace onboard::cloud::sqlite
