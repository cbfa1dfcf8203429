// GET /api/v1/devices?q=NAME&limit=N&offset=M: one page of the devices list,
// searched by name, with the match count in X-Total-Count, so the console
// never downloads an organization's 10,000 devices to show 50.
#include <algorithm>
#include <cctype>

#include "routes.hpp"

namespace onboard::cloud::api {

std::optional<Id> parse_id(std::string_view text);

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

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

HttpResponse list_devices_page(Context& ctx, const Route& route, const std::vector<Device>& devices) {
  const auto limit = number(route, "limit", 50, 1, 500);
  if (!limit) return bad_field("limit", "'limit' must be 1 to 500");
  const auto offset = number(route, "offset", 0, 0, 1L << 40);
  if (!offset) return bad_field("offset", "'offset' must be 0 or more");
  std::string needle;
  if (auto it = route.query.find("q"); it != route.query.end()) {
    if (it->second.size() > 100) return bad_field("q", "'q' must be at most 100 characters");
    needle = lower(it->second);
  }
  std::vector<const Device*> matches;
  matches.reserve(devices.size());
  for (const auto& d : devices) {
    if (needle.empty() || lower(d.name).find(needle) != std::string::npos) matches.push_back(&d);
  }
  std::stable_sort(matches.begin(), matches.end(), [](const Device* a, const Device* b) {
    return a->name != b->name ? a->name < b->name : a->id < b->id;
  });
  json out = json::array();
  const auto begin = std::min(matches.size(), static_cast<std::size_t>(*offset));
  const auto end = std::min(matches.size(), begin + static_cast<std::size_t>(*limit));
  std::vector<Id> ids;
  for (auto i = begin; i < end; ++i) ids.push_back(matches[i]->id);
  const auto online = ctx.hub.online_among(ids);
  for (auto i = begin; i < end; ++i)
    out.push_back(device_json(ctx, *matches[i], online.count(matches[i]->id) != 0));
  auto response = json_response(200, out);
  response.headers.emplace_back("X-Total-Count", std::to_string(matches.size()));
  return response;
}

}  // namespace onboard::cloud::api
