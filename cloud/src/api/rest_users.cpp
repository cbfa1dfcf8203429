// GET/POST /api/v1/users, PATCH/DELETE /api/v1/users/{id}, POST /api/v1/me/password,
// PATCH /api/v1/templates/{id}. The rules are domain/user_admin's; here only HTTP.
#include <spdlog/spdlog.h>

#include "onboard/cloud/domain/accounts.hpp"
#include "routes.hpp"

namespace onboard::cloud::api {

std::optional<Id> parse_id(std::string_view text);

namespace {

json user_json(const User& u) {
  return json{{"id", u.id}, {"email", u.email}, {"role", to_string(u.role)}, {"orgId", u.org_id}};
}

HttpResponse refusal_response(const AccountChange& change) {
  switch (change.refusal) {
    case Refusal::None: break;
    case Refusal::Forbidden: return json_error(403, "forbidden", change.reason);
    case Refusal::NotFound: return json_error(404, "not_found", change.reason);
    case Refusal::Invalid: return json_error(400, "bad_request", change.reason);
    case Refusal::Conflict: return json_error(409, "conflict", change.reason);
    case Refusal::LastAdmin: return json_error(409, "last_admin", change.reason);
    case Refusal::WrongPassword: return json_error(403, "wrong_password", change.reason);
  }
  return json_error(500, "internal", "unexpected refusal");
}

std::optional<Role> role_field(const json& body, HttpResponse& error) {
  auto text = string_field(body, "role", error, 16);
  if (!text) return std::nullopt;
  auto role = role_from(*text);
  if (!role) error = bad_field("role", "'role' must be admin, staff or user");
  return role;
}

// Sign-ins that ended are told to the user's event streams, which re-check and close.
void sessions_ended(Context& ctx, Id user_id) {
  ctx.hub.feed().publish(LiveEvent{LiveEvent::Kind::SessionEnded, user_id, ctx.clock.now(), {}});
}

}  // namespace

HttpResponse users_request(Context& ctx, const Route& route, std::string_view id_text) {
  HttpResponse error;
  auto actor = signed_in(ctx, route, error);
  if (!actor) return error;
  const auto& m = route.request.method;
  const auto& request_id = route.request.request_id;
  if (id_text.empty()) {
    if (m == "GET") {
      auto users = list_users(ctx.store, *actor);
      if (!users) return store_error(route, users.error());
      if (!*users) return json_error(403, "forbidden", "listing users needs the admin role");
      json out = json::array();
      for (const auto& u : **users) out.push_back(user_json(u));
      return json_response(200, out);
    }
    if (m != "POST") return json_error(405, "method_not_allowed", m + " is not allowed here");
    auto body = json_body(route.request, error);
    if (!body) return error;
    auto email = string_field(*body, "email", error, 254);
    if (!email) return error;
    auto password = string_field(*body, "password", error, 1024);
    if (!password) return error;
    auto role = role_field(*body, error);
    if (!role) return error;
    auto created = create_user(ctx.store, *actor, *email, *password, *role);
    if (!created) return store_error(route, created.error());
    if (!*created) return refusal_response(*created);
    spdlog::info("req={} user={} added user={} as {}", request_id, actor->id, created->user->id,
                 to_string(*role));
    return json_response(201, user_json(*created->user));
  }
  auto id = parse_id(id_text);
  if (!id) return json_error(404, "not_found", "no such user in this organization");
  if (m == "PATCH") {
    auto body = json_body(route.request, error);
    if (!body) return error;
    auto role = role_field(*body, error);
    if (!role) return error;
    auto changed = change_role(ctx.store, *actor, *id, *role);
    if (!changed) return store_error(route, changed.error());
    if (!*changed) return refusal_response(*changed);
    sessions_ended(ctx, *id);  // open streams pick up the new role
    spdlog::info("req={} user={} made user={} {}", request_id, actor->id, *id, to_string(*role));
    return json_response(200, user_json(*changed->user));
  }
  if (m == "DELETE") {
    auto removed = remove_user(ctx.store, ctx.clock, *actor, *id);
    if (!removed) return store_error(route, removed.error());
    if (!*removed) return refusal_response(*removed);
    sessions_ended(ctx, *id);
    spdlog::info("req={} user={} removed user={}; their devices are now user={}'s", request_id, actor->id,
                 *id, actor->id);
    return HttpResponse{204, "application/json", "", {}};
  }
  return json_error(405, "method_not_allowed", m + " is not allowed here");
}

HttpResponse change_own_password(Context& ctx, const Route& route) {
  HttpResponse error;
  auto user = signed_in(ctx, route, error);
  if (!user) return error;
  auto body = json_body(route.request, error);
  if (!body) return error;
  auto current = string_field(*body, "current", error, 1024);
  if (!current) return error;
  auto next = string_field(*body, "new", error, 1024);
  if (!next) return error;
  const auto bearer = route.request.authorization.substr(std::string_view("Bearer ").size());
  auto changed = change_password(ctx.store, *user, bearer, *current, *next);
  if (!changed) return store_error(route, changed.error());
  if (!*changed) return refusal_response(*changed);
  sessions_ended(ctx, user->id);
  spdlog::info("req={} user={} changed their password; their other sessions ended", route.request.request_id,
               user->id);
  return HttpResponse{204, "application/json", "", {}};
}

HttpResponse patch_template(Context& ctx, const Route& route, std::string_view id) {
  HttpResponse error;
  auto user = signed_in(ctx, route, error);
  if (!user) return error;
  auto body = json_body(route.request, error);
  if (!body) return error;
  auto name = string_field(*body, "name", error, 50);
  if (!name) return error;
  auto renamed = rename_template(ctx.store, *user, std::string(id), *name);
  if (!renamed) return store_error(route, renamed.error());
  if (!*renamed) return refusal_response(*renamed);
  auto fresh = ctx.store.read([&](Records& r) { return r.template_by_id(std::string(id)); });
  if (!fresh) return store_error(route, fresh.error());
  if (!*fresh) return json_error(404, "not_found", "no such template");
  spdlog::info("req={} template {} renamed by user={}", route.request.request_id, id, user->id);
  return json_response(
      200,
      json{{"id", (*fresh)->id}, {"name", (*fresh)->name}, {"createdAt", iso8601((*fresh)->created_at)}});
}

}  // namespace onboard::cloud::api
