// GET /api/v1/devices?q=NAME&limit=N&offset=M: one page of the devices list,
// searched by name in the store, with the match count in X-Total-Count, so the console
// never downloads an organization's 10,000 devices to show 50.
#include "routes.hpp"

namespace onboard::cloud::api {

std::optional<Id> parse_id(std::string_view text);

namespace {

// nullopt when the parameter is malformed; `fallback` when absent.
std::optional<long> number(const Route& route, const char* name, long fallback, long low, long high) {
  auto it = route.query.find(name);
  if (it == route.query.end()) return fallback;
  if (it->second == "0" && low == 0) return 0;
  auto parsed = parse_id(it->second);
  if (!parsed || *parsed < low || *parsed > high) return std::nullopt;
  return static_cast<long>(*parsed);
}

}  // namespace

HttpResponse list_devices_page(Context& ctx, const Route& route, std::optional<Id> owner, Id org_id) {
  const auto limit = number(route, "limit", 50, 1, 500);
  if (!limit) return bad_field("limit", "'limit' must be 1 to 500");
  const auto offset = number(route, "offset", 0, 0, 1L << 40);
  if (!offset) return bad_field("offset", "'offset' must be 0 or more");
  std::string needle;
  if (auto it = route.query.find("q"); it != route.query.end()) {
    if (it->second.size() > 100) return bad_field("q", "'q' must be at most 100 characters");
    needle = it->second;
  }
  auto page =
      ctx.store.read([&](Records& r) { return r.devices_page(org_id, owner, needle, *limit, *offset); });
  if (!page) return store_error(route, page.error());
  json out = json::array();
  std::vector<Id> ids;
  for (const auto& d : page->devices) ids.push_back(d.id);
  const auto online = ctx.hub.online_among(ids);
  for (const auto& d : page->devices) out.push_back(device_json(ctx, d, online.count(d.id) != 0));
  auto response = json_response(200, out);
  response.headers.emplace_back("X-Total-Count", std::to_string(page->total));
  return response;
}

}  // namespace onboard::cloud::api
