#include <spdlog/spdlog.h>

#include "onboard/cloud/api/console_files.hpp"
#include "routes.hpp"

namespace onboard::cloud {

HttpResponse json_error(int status, const std::string& error, const std::string& reason) {
  return api::json_response(status, api::json{{"error", error}, {"reason", reason}});
}

namespace {

HttpResponse dispatch(Context& ctx, const api::Route& r) {
  const auto& m = r.request.method;
  const auto& p = r.parts;
  auto method_not_allowed = [&] { return json_error(405, "method_not_allowed", m + " is not allowed here"); };

  if (r.path == "/healthz") {
    if (m != "GET" && m != "HEAD") return method_not_allowed();
    // From what the last writes saw (and the once-a-second probe): answers at once even while
    // the database is locked.
    const auto health = ctx.health.health();
    if (!health.can_write)
      return HttpResponse{503, "text/plain", "store cannot write: " + health.reason + "\n", {}};
    return HttpResponse{200, "text/plain", "ok\n", {}};
  }
  if (r.path == "/metrics") {
    if (m != "GET") return method_not_allowed();
    ctx.metrics.devices_online = static_cast<std::int64_t>(ctx.hub.online_count());
    auto counts = ctx.store.read([](Records& rec) { return rec.count_provisioning_by_state(); });
    if (!counts) return api::store_error(r, counts.error());
    return HttpResponse{200, "text/plain; version=0.0.4", ctx.metrics.render(*counts), {}};
  }
  if ((p.size() == 3 || p.size() == 4) && p[0] == "external" && p[1] == "api") {
    if (m != "GET" && m != "POST") return method_not_allowed();
    const std::string call = p.size() == 3 ? std::string(p[2]) : std::string(p[2]) + "/" + std::string(p[3]);
    return api::external_api(ctx, r, call);
  }
  if (p.size() == 2 && p[0] == "ota") {
    if (m != "GET") return method_not_allowed();
    const auto token = r.query.find("token");
    return api::ota_download(ctx, r, token == r.query.end() ? std::string_view() : token->second);
  }
  const bool api_path = !p.empty() && (p[0] == "api" || p[0] == "external" || p[0] == "ota");
  if (!api_path && ctx.console != nullptr) {
    if (m != "GET" && m != "HEAD") return method_not_allowed();
    if (auto file = ctx.console->serve(r.request, r.path)) {
      if (m == "HEAD") file->body.clear();
      return std::move(*file);
    }
    return json_error(404, "not_found", "no such path");
  }
  if (p.size() < 3 || p[0] != "api" || p[1] != "v1") return json_error(404, "not_found", "no such path");
  const auto& what = p[2];
  if (what == "login" && p.size() == 3) return m == "POST" ? api::login(ctx, r) : method_not_allowed();
  if (what == "logout" && p.size() == 3) return m == "POST" ? api::logout(ctx, r) : method_not_allowed();
  if (what == "events" && p.size() == 3) return m == "GET" ? api::event_stream(ctx, r) : method_not_allowed();
  if (what == "templates" && p.size() == 3) {
    if (m == "GET") return api::list_templates(ctx, r);
    if (m == "POST") return api::create_template(ctx, r);
    return method_not_allowed();
  }
  if (what == "templates" && p.size() == 4)
    return m == "PATCH" ? api::patch_template(ctx, r, p[3]) : method_not_allowed();
  if (what == "users" && (p.size() == 3 || p.size() == 4))
    return api::users_request(ctx, r, p.size() == 4 ? p[3] : std::string_view());
  if (what == "me" && p.size() == 4 && p[3] == "password")
    return m == "POST" ? api::change_own_password(ctx, r) : method_not_allowed();
  if (what == "provisioning" && p.size() == 3) {
    if (m == "POST") return api::create_provisioning(ctx, r);
    if (m == "GET") return api::list_provisioning(ctx, r);
    return method_not_allowed();
  }
  if (what == "provisioning" && p.size() == 4 && p[3] == "stats")
    return m == "GET" ? api::get_provisioning_stats(ctx, r) : method_not_allowed();
  if (what == "templates" && p.size() == 5 && p[4] == "firmware") {
    if (m == "GET") return api::list_firmware(ctx, r, p[3]);
    if (m == "POST") return api::upload_firmware(ctx, r, p[3]);
    return method_not_allowed();
  }
  if (what == "shipments" && p.size() == 3)
    return m == "POST" ? api::create_shipment(ctx, r) : method_not_allowed();
  if (what == "shipments" && p.size() == 4)
    return m == "GET" ? api::get_shipment(ctx, r, p[3]) : method_not_allowed();
  if (what == "provisioning" && p.size() == 4)
    return m == "GET" ? api::get_provisioning(ctx, r, p[3]) : method_not_allowed();
  if (what == "devices" && p.size() == 3)
    return m == "GET" ? api::list_devices(ctx, r) : method_not_allowed();
  if (what == "devices" && (p.size() == 4 || p.size() == 5)) {
    return api::device_request(ctx, r, p[3], p.size() == 5 ? p[4] : std::string_view());
  }
  return json_error(404, "not_found", "no such path");
}

}  // namespace

HttpResponse handle_request(Context& ctx, const HttpRequest& request) {
  const std::string_view target = request.target;
  const auto q = target.find('?');
  api::Route route{request, target.substr(0, q), {}, {}};
  if (q != std::string_view::npos) route.query = api::parse_query(target.substr(q + 1));
  std::string_view rest = route.path;
  while (!rest.empty()) {
    if (rest.front() == '/') {
      rest.remove_prefix(1);
      continue;
    }
    const auto slash = rest.find('/');
    route.parts.push_back(rest.substr(0, slash));
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  }
  HttpResponse response;
  try {
    response = dispatch(ctx, route);
  } catch (const std::exception& e) {
    spdlog::error("req={} {} {}: {}", request.request_id, request.method, route.path, e.what());
    response = json_error(500, "internal", "the server failed; see its log");
  }
  ctx.metrics.count_http(response.status);
  spdlog::info("req={} {} {} -> {}", request.request_id, request.method, route.path, response.status);
  return response;
}

}  // namespace onboard::cloud
