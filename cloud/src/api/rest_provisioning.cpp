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

HttpResponse create_provisioning(Context& ctx, const Route& route) {
  HttpResponse error;
  auto user = signed_in(ctx, route.request, error);
  if (!user) return error;
  if (!has_permission(user->role, Permission::Provision)) {
    return json_error(403, "forbidden", "this user may not provision devices");
  }
  auto body = json_body(route.request, error);
  if (!body) return error;
  auto template_id = string_field(*body, "templateId", error, 64);
  if (!template_id) return error;
  auto tmpl = ctx.store.find_template(*template_id);
  if (!tmpl || tmpl->org_id != user->org_id) {
    return json_error(404, "not_found", "no template " + *template_id + " in this organization");
  }
  auto created = create_provisioning(ctx.store, *user, *tmpl, ctx.config.provisioning_ttl);
  spdlog::info("req={} provisioning session {} for {} by user={}", route.request.request_id,
               created.session.id, tmpl->id, user->id);
  return json_response(201, provisioning_json(created.session, &created.token));
}

HttpResponse get_provisioning(Context& ctx, const Route& route, std::string_view id_text) {
  HttpResponse error;
  auto user = signed_in(ctx, route.request, error);
  if (!user) return error;
  auto id = parse_id(id_text);
  auto session = id ? ctx.store.find_provisioning(*id) : std::nullopt;
  if (!session || session->org_id != user->org_id)
    return json_error(404, "not_found", "no such provisioning session");
  if (session->requester_id != user->id) {
    return json_error(403, "forbidden", "only the requester may follow a provisioning session");
  }
  return json_response(200, provisioning_json(current_view(ctx.store, *session), nullptr));
}

}  // namespace onboard::cloud::api
