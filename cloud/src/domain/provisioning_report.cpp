#include "onboard/cloud/domain/provisioning_report.hpp"

#include <algorithm>
#include <map>

namespace onboard::cloud {

ProvisioningSession as_seen(ProvisioningSession session, Millis now) {
  const bool open =
      session.state == ProvisioningState::Pending || session.state == ProvisioningState::Connected;
  if (open && session.expires_at <= now) {
    session.state = ProvisioningState::Expired;
    if (session.finished_at == 0) session.finished_at = session.expires_at;
  }
  return session;
}

std::vector<ProvisioningStep> steps_of(const ProvisioningSession& s) {
  std::vector<ProvisioningStep> out{{"requested", s.created_at}};
  if (s.connected_at != 0) out.push_back({"connected", s.connected_at});
  switch (s.state) {
    case ProvisioningState::Pending:
    case ProvisioningState::Connected: break;
    case ProvisioningState::Activated:
    case ProvisioningState::Failed:
    case ProvisioningState::Expired: out.push_back({std::string(to_string(s.state)), s.finished_at}); break;
  }
  return out;
}

namespace {

StoreResult<std::vector<ProvisioningSession>> visible_sessions(Store& store, const User& viewer,
                                                               const std::optional<std::string>& template_id,
                                                               int limit) {
  ProvisioningFilter filter;
  if (!has_permission(viewer.role, Permission::SeeAllProvisioning)) filter.requester = viewer.id;
  filter.template_id = template_id;
  filter.limit = limit;
  return store.read([&](Records& r) { return r.provisioning_of_org(viewer.org_id, filter); });
}

}  // namespace

StoreResult<std::vector<ProvisioningRecord>> provisioning_records(
    Store& store, const Clock& clock, const User& viewer, const std::optional<std::string>& template_id,
    int limit) {
  auto sessions = visible_sessions(store, viewer, template_id, limit);
  if (!sessions) return sessions.error();
  auto users = store.read([&](Records& r) { return r.users_of_org(viewer.org_id); });
  if (!users) return users.error();
  std::map<Id, std::string> emails;
  for (const auto& u : *users) emails[u.id] = u.email;
  const Millis now = clock.now();
  std::vector<ProvisioningRecord> out;
  out.reserve(sessions->size());
  for (auto& s : *sessions) {
    ProvisioningRecord record{as_seen(std::move(s), now), {}, {}};
    record.steps = steps_of(record.session);
    if (auto it = emails.find(record.session.requester_id); it != emails.end())
      record.requester_email = it->second;
    out.push_back(std::move(record));
  }
  return out;
}

StoreResult<std::optional<ProvisioningStats>> provisioning_stats(
    Store& store, const Clock& clock, const User& viewer, const std::optional<std::string>& template_id) {
  if (!has_permission(viewer.role, Permission::SeeAllProvisioning)) return std::optional<ProvisioningStats>();
  auto sessions = visible_sessions(store, viewer, template_id, kStatsWindow);
  if (!sessions) return sessions.error();
  const Millis now = clock.now();
  ProvisioningStats stats;
  std::vector<Millis> durations;
  std::map<std::string, long> reasons;
  for (const auto& raw : *sessions) {
    const auto s = as_seen(raw, now);
    ++stats.total;
    switch (s.state) {
      case ProvisioningState::Activated:
        ++stats.activated;
        if (s.finished_at >= s.created_at && s.finished_at != 0)
          durations.push_back(s.finished_at - s.created_at);
        break;
      case ProvisioningState::Failed:
        ++stats.failed;
        ++reasons[s.reason.empty() ? "unknown" : s.reason];
        break;
      case ProvisioningState::Expired:
        ++stats.expired;
        ++reasons["expired"];
        break;
      default: break;
    }
  }
  const long finished = stats.activated + stats.failed + stats.expired;
  if (finished > 0) stats.success_rate = static_cast<double>(stats.activated) / static_cast<double>(finished);
  if (!durations.empty()) {
    std::sort(durations.begin(), durations.end());
    const auto n = durations.size();
    stats.median_ms = n % 2 == 1 ? durations[n / 2] : (durations[n / 2 - 1] + durations[n / 2]) / 2;
  }
  for (const auto& [reason, count] : reasons) stats.top_reasons.push_back({reason, count});
  std::stable_sort(stats.top_reasons.begin(), stats.top_reasons.end(),
                   [](const ReasonCount& a, const ReasonCount& b) { return a.count > b.count; });
  if (stats.top_reasons.size() > 5) stats.top_reasons.resize(5);
  return std::optional<ProvisioningStats>(std::move(stats));
}

}  // namespace onboard::cloud
