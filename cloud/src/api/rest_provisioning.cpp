// POST /api/v1/provisioning, GET /api/v1/provisioning/{id}.
#include <charconv>

#include <spdlog/spdlog.h>

#include "onboard/cloud/domain/provisioning.hpp"
#include "routes.hpp"

namespace onboard::cloud::api {

json provisioning_json(const ProvisioningSession& s, const std::string* token) {
  json out{{"id", s.id},
           {"state", to_string(s.state)},
           {"templateId", s.template_id},
           {"expiresAt", iso8601(s.expires_at)}};
  if (token != nullptr) out["token"] = *token;
  if (s.device_id && s.state == ProvisioningState::Activated) out["deviceId"] = *s.device_id;
  if (s.device_id && s.reconfigure) out["deviceId"] = *s.device_id;
  if (!s.reason.empty()) out["reason"] = s.reason;
  return out;
}

std::optional<Id> parse_id(std::string_view text) {
  Id id = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

ProvisioningLimits provisioning_limits(const Context& ctx) {
  return ProvisioningLimits{ctx.config.provisioning_ttl, ctx.config.provisioning_per_minute};
}

HttpResponse too_many_provisionings(const Context& ctx, const ProvisioningCreated& refused) {
  auto response = json_error(429, "too_many_requests",
                             "at most " + std::to_string(ctx.config.provisioning_per_minute) +
                                 " provisioning sessions per user per minute; try again in " +
                                 std::to_string(refused.retry_after_seconds) + " s");
  response.headers.emplace_back("Retry-After", std::to_string(refused.retry_after_seconds));
  return response;
}

HttpResponse create_provisioning(Context& ctx, const Route& route) {
  HttpResponse error;
  auto user = signed_in(ctx, route, error);
  if (!user) return error;
  if (!has_permission(user->role, Permission::Provision)) {
    return json_error(403, "forbidden", "this user may not provision devices");
  }
  auto body = json_body(route.request, error);
  if (!body) return error;
  auto template_id = string_field(*body, "templateId", error, 64);
  if (!template_id) return error;
  auto found = ctx.store.read([&](Records& r) { return r.template_by_id(*template_id); });
  if (!found) return store_error(route, found.error());
  const auto& tmpl = *found;
  if (!tmpl || tmpl->org_id != user->org_id) {
    return json_error(404, "not_found", "no template " + *template_id + " in this organization");
  }
  auto result = create_provisioning(ctx.store, ctx.clock, *user, *tmpl, provisioning_limits(ctx));
  if (!result) return store_error(route, result.error());
  if (!result->created) return too_many_provisionings(ctx, *result);
  const auto& created = *result->created;
  spdlog::info("req={} provisioning session {} for {} by user={}", route.request.request_id,
               created.session.id, tmpl->id, user->id);
  return json_response(201, provisioning_json(created.session, &created.token));
}

HttpResponse get_provisioning(Context& ctx, const Route& route, std::string_view id_text) {
  HttpResponse error;
  auto user = signed_in(ctx, route, error);
  if (!user) return error;
  auto id = parse_id(id_text);
  if (!id) return json_error(404, "not_found", "no such provisioning session");
  auto found = ctx.store.read([&](Records& r) { return r.provisioning_by_id(*id); });
  if (!found) return store_error(route, found.error());
  const auto& session = *found;
  if (!session || session->org_id != user->org_id)
    return json_error(404, "not_found", "no such provisioning session");
  if (session->requester_id != user->id) {
    return json_error(403, "forbidden", "only the requester may follow a provisioning session");
  }
  auto view = current_view(ctx.store, ctx.clock, *session);
  if (!view) return store_error(route, view.error());
  return json_response(200, provisioning_json(*view, nullptr));
}

}  // namespace onboard::cloud::api
