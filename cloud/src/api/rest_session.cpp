// POST /api/v1/logout: the bearer session ends at once, and the user's open
// event streams of that session close (they re-check when told).
#include <spdlog/spdlog.h>

#include "onboard/cloud/domain/accounts.hpp"
#include "routes.hpp"

namespace onboard::cloud::api {

HttpResponse logout(Context& ctx, const Route& route) {
  HttpResponse error;
  auto user = signed_in(ctx, route, error);
  if (!user) return error;
  const auto bearer = route.request.authorization.substr(std::string_view("Bearer ").size());
  if (auto ended = sign_out(ctx.store, bearer); !ended) return store_error(route, ended.error());
  ctx.hub.feed().publish(LiveEvent{LiveEvent::Kind::SessionEnded, user->id, ctx.clock.now(), {}});
  spdlog::info("req={} user={} signed out", route.request.request_id, user->id);
  return HttpResponse{204, "application/json", "", {}};
}

}  // namespace onboard::cloud::api
