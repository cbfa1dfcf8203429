// GET /api/v1/provisioning[?templateId=&limit=] and GET /api/v1/provisioning/stats[?templateId=]:
// the record of who tried what and why it failed (rules in domain/provisioning_report).
#include "onboard/cloud/domain/provisioning_report.hpp"
#include "routes.hpp"

namespace onboard::cloud::api {

json provisioning_json(const ProvisioningSession& s, const std::string* token);
std::optional<Id> parse_id(std::string_view text);

namespace {

// nullopt: absent; an empty id is refused like a malformed one.
std::optional<std::string> template_param(const Route& route, HttpResponse& error, bool& bad) {
  bad = false;
  auto it = route.query.find("templateId");
  if (it == route.query.end()) return std::nullopt;
  if (it->second.empty() || it->second.size() > 64) {
    error = bad_field("templateId", "'templateId' must be 1 to 64 characters");
    bad = true;
    return std::nullopt;
  }
  return it->second;
}

}  // namespace

HttpResponse list_provisioning(Context& ctx, const Route& route) {
  HttpResponse error;
  auto user = signed_in(ctx, route, error);
  if (!user) return error;
  bool bad = false;
  auto template_id = template_param(route, error, bad);
  if (bad) return error;
  int limit = 100;
  if (auto it = route.query.find("limit"); it != route.query.end()) {
    auto parsed = parse_id(it->second);
    if (!parsed || *parsed > 1000) return bad_field("limit", "'limit' must be 1 to 1000");
    limit = static_cast<int>(*parsed);
  }
  auto records = provisioning_records(ctx.store, ctx.clock, *user, template_id, limit);
  if (!records) return store_error(route, records.error());
  json out = json::array();
  for (const auto& rec : *records) {
    json j = provisioning_json(rec.session, nullptr);
    j["createdAt"] = iso8601(rec.session.created_at);
    j["requesterId"] = rec.session.requester_id;
    if (!rec.requester_email.empty()) j["requesterEmail"] = rec.requester_email;
    j["reconfigure"] = rec.session.reconfigure;
    json steps = json::array();
    for (const auto& st : rec.steps)  // ts 0: the session ended before step times were kept
      steps.push_back(json{{"step", st.step}, {"ts", st.ts != 0 ? json(iso8601(st.ts)) : json(nullptr)}});
    j["steps"] = std::move(steps);
    out.push_back(std::move(j));
  }
  return json_response(200, out);
}

HttpResponse get_provisioning_stats(Context& ctx, const Route& route) {
  HttpResponse error;
  auto user = signed_in(ctx, route, error);
  if (!user) return error;
  bool bad = false;
  auto template_id = template_param(route, error, bad);
  if (bad) return error;
  auto stats = provisioning_stats(ctx.store, ctx.clock, *user, template_id);
  if (!stats) return store_error(route, stats.error());
  if (!*stats) return json_error(403, "forbidden", "provisioning statistics need the admin or staff role");
  const auto& s = **stats;
  json reasons = json::array();
  for (const auto& r : s.top_reasons) reasons.push_back(json{{"reason", r.reason}, {"count", r.count}});
  return json_response(200, json{{"total", s.total},
                                 {"activated", s.activated},
                                 {"failed", s.failed},
                                 {"expired", s.expired},
                                 {"successRate", s.success_rate},
                                 {"medianMs", s.median_ms ? json(*s.median_ms) : json(nullptr)},
                                 {"topReasons", std::move(reasons)},
                                 {"window", kStatsWindow}});
}

}  // namespace onboard::cloud::api
