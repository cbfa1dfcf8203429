// The Blynk device HTTP API: /external/api/{isHardwareConnected,update,get}?token=T...
#include <cctype>

#include <spdlog/spdlog.h>

#include "onboard/cloud/crypto/token.hpp"
#include "routes.hpp"

namespace onboard::cloud::api {

namespace {

// "V5" or "v5" -> "V5"; nullopt for anything else.
std::optional<std::string> virtual_pin(std::string_view key) {
  if (key.size() < 2 || key.size() > 4 || (key[0] != 'V' && key[0] != 'v')) return std::nullopt;
  for (char c : key.substr(1)) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  return "V" + std::string(key.substr(1));
}

HttpResponse text(int status, std::string body) {
  return HttpResponse{status, "text/plain", std::move(body), {}};
}

}  // namespace

HttpResponse external_api(Context& ctx, const Route& route, std::string_view call) {
  auto token = route.query.find("token");
  if (token == route.query.end() || token->second.empty()) return bad_field("token", "'token' is required");
  std::optional<Device> device;
  if (is_token_shaped(token->second)) {
    auto found = ctx.store.read([&](Records& r) { return r.device_by_token(token_hash(token->second)); });
    if (!found) return store_error(route, found.error());
    device = std::move(*found);
  }
  if (!device) return json_error(401, "invalid_token", "the token is unknown or revoked");

  if (call == "isHardwareConnected") return text(200, ctx.hub.online(device->id) ? "true" : "false");

  std::vector<std::pair<std::string, std::string>> pins;  // (V5, value)
  for (const auto& [key, value] : route.query) {
    if (key == "token") continue;
    if (key == "pin" || key == "value") continue;
    auto pin = virtual_pin(key);
    if (!pin) return bad_field(key, "'" + key + "' is not a virtual pin (V0..V255)");
    pins.emplace_back(*pin, value);
  }
  if (auto pin = route.query.find("pin"); pin != route.query.end()) {  // the newer pin=V1&value=42 form
    auto name = virtual_pin(pin->second);
    if (!name) return bad_field("pin", "'pin' must be a virtual pin such as V1");
    auto value = route.query.find("value");
    pins.emplace_back(*name, value == route.query.end() ? std::string() : value->second);
  }
  if (pins.empty()) return bad_field("pin", "name at least one virtual pin, e.g. V1");

  if (call == "update") {
    for (const auto& [pin, value] : pins) {
      if (value.size() > 1024) return bad_field(pin, "the value is longer than 1024 bytes");
    }
    // Stored before the 200: an acknowledged value is durable (a full disk is a 503, not a lost value).
    auto saved = ctx.store.write([&](Records& r) -> StoreStatus {
      for (const auto& [pin, value] : pins) {
        if (auto s = r.upsert_pin(PinValue{device->id, pin, value}); !s) return s;
      }
      return done();
    });
    if (!saved) return store_error(route, saved.error());
    auto link = ctx.hub.link(device->id);
    for (const auto& [pin, value] : pins) {
      ctx.hub.set_pin(device->id, pin, value);
      if (link) {
        std::string body = "vw";
        body.push_back('\0');
        body.append(pin.substr(1));
        body.push_back('\0');
        body.append(value);
        link->push_hardware(std::move(body));
      }
    }
    return text(200, "");
  }
  if (call == "get") {
    auto stored = ctx.hub.pins(device->id);
    if (!stored) return store_error(route, stored.error());
    if (pins.size() == 1) {
      auto value = stored->find(pins[0].first);
      if (value == stored->end()) return bad_field(pins[0].first, "no value stored for " + pins[0].first);
      return text(200, value->second);
    }
    json out = json::object();
    for (const auto& [pin, unused] : pins) {
      auto value = stored->find(pin);
      out[pin] = value != stored->end() ? json(value->second) : json(nullptr);
    }
    return json_response(200, out);
  }
  return json_error(404, "not_found", "no such device API call");
}

}  // namespace onboard::cloud::api
