// POST /api/v1/login, GET/POST /api/v1/templates.
#include <spdlog/spdlog.h>

#include "onboard/cloud/crypto/token.hpp"
#include "onboard/cloud/domain/accounts.hpp"
#include "routes.hpp"

namespace onboard::cloud::api {

HttpResponse login(Context& ctx, const Route& route) {
  const auto& address = route.request.remote_address;
  if (const long wait = ctx.limiter.retry_after(address); wait > 0) {
    auto response =
        json_error(429, "too_many_requests",
                   "too many failed sign-ins from this address; try again in " + std::to_string(wait) + " s");
    response.headers.emplace_back("Retry-After", std::to_string(wait));
    return response;
  }
  HttpResponse error;
  auto body = json_body(route.request, error);
  if (!body) return error;
  auto email = string_field(*body, "email", error, 254);
  if (!email) return error;
  auto password = string_field(*body, "password", error, 1024);
  if (!password) return error;
  auto attempt = sign_in(ctx.store, ctx.clock, *email, *password, ctx.config.session_ttl);
  if (!attempt) return store_error(route, attempt.error());
  auto& session = *attempt;
  if (!session) {
    ctx.limiter.record_failure(address);
    spdlog::info("req={} sign-in failed from {}", route.request.request_id, address);
    return json_error(401, "unauthorized", "wrong email or password");
  }
  const auto& u = session->user;
  return json_response(
      200,
      json{{"token", session->token},
           {"user", {{"id", u.id}, {"email", u.email}, {"role", to_string(u.role)}, {"orgId", u.org_id}}}});
}

namespace {
json template_json(const Template& t) {
  return json{{"id", t.id}, {"name", t.name}, {"createdAt", iso8601(t.created_at)}};
}
}  // namespace

HttpResponse list_templates(Context& ctx, const Route& route) {
  HttpResponse error;
  auto user = signed_in(ctx, route, error);
  if (!user) return error;
  auto templates = ctx.store.read([&](Records& r) { return r.templates_of_org(user->org_id); });
  if (!templates) return store_error(route, templates.error());
  json out = json::array();
  for (const auto& t : *templates) out.push_back(template_json(t));
  return json_response(200, out);
}

HttpResponse create_template(Context& ctx, const Route& route) {
  HttpResponse error;
  auto user = signed_in(ctx, route, error);
  if (!user) return error;
  if (!has_permission(user->role, Permission::ManageTemplates)) {
    return json_error(403, "forbidden", "creating templates needs the admin or staff role");
  }
  auto body = json_body(route.request, error);
  if (!body) return error;
  auto name = string_field(*body, "name", error, 50);
  if (!name) return error;
  Template t{"TMPL" + random_alnum(8), user->org_id, *name, ctx.clock.now()};
  if (auto saved = ctx.store.write([&](Records& r) { return r.insert_template(t); }); !saved)
    return store_error(route, saved.error());
  spdlog::info("req={} template {} created by user={}", route.request.request_id, t.id, user->id);
  return json_response(201, template_json(t));
}

}  // namespace onboard::cloud::api
