// The Blynk device HTTP API, token in the query, GET or POST:
// /external/api/{isHardwareConnected, update, batch/update, get, update/property, logEvent}.
// POST takes the same parameters in an application/x-www-form-urlencoded
// body (V1=42&V2=7), or, with pin= in the query, the body as that pin's value.
#include <cctype>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "onboard/cloud/crypto/token.hpp"
#include "onboard/cloud/domain/pins.hpp"
#include "onboard/protocol/blynk/frame.hpp"
#include "routes.hpp"

namespace onboard::cloud::api {

namespace {

constexpr std::size_t kMaxValue = 1024;

// "V5", "v05" -> "V5" (Blynk's V0..V255); nullopt for anything else.
std::optional<std::string> virtual_pin(std::string_view key) {
  return virtual_pin_from_name(key);  // V0..V255, leading zeros folded ("V01" is "V1")
}

HttpResponse text(int status, std::string body) {
  return HttpResponse{status, "text/plain", std::move(body), {}};
}

// A stored value as JSON: a string, or an array for a multi-value pin ("a" NUL "b").
json value_json(const std::string& value) {
  if (value.find('\0') == std::string::npos) return value;
  json out = json::array();
  std::size_t start = 0;
  for (;;) {
    const auto nul = value.find('\0', start);
    out.push_back(value.substr(start, nul == std::string::npos ? std::string::npos : nul - start));
    if (nul == std::string::npos) break;
    start = nul + 1;
  }
  return out;
}

// The request's parameters: the query, plus a POST body's form fields (or,
// with pin= and no value=, the body as the value). The query wins on a clash.
std::map<std::string, std::string> parameters(const Route& route) {
  auto params = route.query;
  const auto& body = route.request.body;
  if (route.request.method != "POST" || body.empty()) return params;
  if (params.count("pin") != 0 && params.count("value") == 0) {
    params["value"] = body;
    return params;
  }
  for (auto& [key, value] : parse_query(body)) params.emplace(key, value);
  return params;
}

HttpResponse update_pins(Context& ctx, const Route& route, const Device& device,
                         const std::map<std::string, std::string>& params) {
  std::vector<std::pair<std::string, std::string>> pins;  // (V5, value)
  for (const auto& [key, value] : params) {
    if (key == "token" || key == "pin" || key == "value") continue;
    auto pin = virtual_pin(key);
    if (!pin) return bad_field(key, "'" + key + "' is not a virtual pin (V0..V255)");
    pins.emplace_back(*pin, value);
  }
  if (auto pin = params.find("pin"); pin != params.end()) {  // the newer pin=V1&value=42 form
    auto name = virtual_pin(pin->second);
    if (!name) return bad_field("pin", "'pin' must be a virtual pin such as V1");
    auto value = params.find("value");
    pins.emplace_back(*name, value == params.end() ? std::string() : value->second);
  }
  if (pins.empty()) return bad_field("pin", "name at least one virtual pin, e.g. V1");

  // Every value is checked before any is stored: the request succeeds or fails as a whole.
  auto current = ctx.hub.pins(device.id);
  if (!current) return store_error(route, current.error());
  std::size_t count = current->size();
  auto link = ctx.hub.link(device.id);
  std::vector<std::string> bodies;
  for (const auto& [pin, value] : pins) {
    if (value.size() > kMaxValue) return bad_field(pin, "the value is longer than 1024 bytes");
    if (current->count(pin) == 0 && ++count > static_cast<std::size_t>(ctx.config.max_pins)) {
      return bad_field(pin, "the device has the most pins allowed (" + std::to_string(ctx.config.max_pins) +
                                "); write to one it has");
    }
    std::string body = "vw";
    body.push_back('\0');
    body.append(pin.substr(1));
    body.push_back('\0');
    body.append(value);
    // A value the connected device cannot receive would be stored but never
    // arrive: refuse it instead of answering 200.
    if (link && blynk::kHeaderSize + body.size() > link->receive_limit()) {
      return json_error(413, "value_too_large",
                        fmt::format("{} with this value is a {}-byte message; the device accepts at most {} "
                                    "(its buff-in)",
                                    pin, blynk::kHeaderSize + body.size(), link->receive_limit()));
    }
    bodies.push_back(std::move(body));
  }
  // Stored before the 200: an acknowledged value is durable (a full disk is a 503, not a lost value).
  auto saved = ctx.store.write([&](Records& r) -> StoreStatus {
    for (const auto& [pin, value] : pins) {
      if (auto s = r.upsert_pin(PinValue{device.id, pin, value}); !s) return s;
    }
    return done();
  });
  if (!saved) return store_error(route, saved.error());
  for (std::size_t i = 0; i < pins.size(); ++i) {
    ctx.hub.set_pin(device.id, pins[i].first, pins[i].second);
    // To the connection wherever it is; not connected anywhere (404) is fine: it is stored.
    const auto sent = ctx.hub.send(DeviceCommand{device.id, kHardware, std::move(bodies[i])});
    if (sent.status == 503 || sent.status == 413) return command_failed(sent, "the values are stored");
  }
  return text(200, "");
}

HttpResponse get_pins(Context& ctx, const Route& route, const Device& device,
                      const std::map<std::string, std::string>& params) {
  std::vector<std::string> pins;
  for (const auto& [key, value] : params) {
    if (key == "token" || key == "value") continue;
    auto pin = virtual_pin(key == "pin" ? value : key);
    if (!pin) return bad_field(key, "'" + key + "' is not a virtual pin (V0..V255)");
    pins.push_back(*pin);
  }
  if (pins.empty()) return bad_field("pin", "name at least one virtual pin, e.g. V1");
  auto stored = ctx.hub.pins(device.id);
  if (!stored) return store_error(route, stored.error());
  if (pins.size() == 1) {
    auto value = stored->find(pins[0]);
    if (value == stored->end()) return bad_field(pins[0], "no value stored for " + pins[0]);
    if (value->second.find('\0') != std::string::npos) return json_response(200, value_json(value->second));
    return text(200, value->second);
  }
  json out = json::object();
  for (const auto& pin : pins) {
    auto value = stored->find(pin);
    out[pin] = value != stored->end() ? value_json(value->second) : json(nullptr);
  }
  return json_response(200, out);
}

// update/property?token=T&pin=V1&label=Kitchen&color=%23D3435C: each other parameter is a property.
HttpResponse update_property(Context& ctx, const Route& route, const Device& device,
                             const std::map<std::string, std::string>& params) {
  auto pin_param = params.find("pin");
  if (pin_param == params.end()) return bad_field("pin", "'pin' is required, e.g. pin=V1");
  auto pin = virtual_pin(pin_param->second);
  if (!pin) return bad_field("pin", "'pin' must be a virtual pin such as V1");
  std::vector<std::pair<std::string, std::string>> properties;
  for (const auto& [key, value] : params) {
    if (key == "token" || key == "pin") continue;
    if (key.empty() || key.size() > 64) return bad_field(key, "a property name is 1 to 64 characters");
    if (value.size() > kMaxValue) return bad_field(key, "the value is longer than 1024 bytes");
    properties.emplace_back(key, value);
  }
  if (properties.empty()) return bad_field("property", "name at least one property, e.g. label=Kitchen");
  // Stored under the pin number, as a device's own PROPERTY message names it.
  auto saved = ctx.store.write([&](Records& r) -> StoreStatus {
    for (const auto& [name, value] : properties) {
      if (auto s = r.upsert_property(device.id, pin->substr(1), name, value); !s) return s;
    }
    return done();
  });
  if (!saved) return store_error(route, saved.error());
  return text(200, "");
}

// logEvent?token=T&code=overheat[&description=...]: a device event on the timeline.
HttpResponse log_event(Context& ctx, const Device& device, const std::map<std::string, std::string>& params) {
  auto code = params.find("code");
  if (code == params.end() || code->second.empty() || code->second.size() > 64) {
    return bad_field("code", "'code' (1 to 64 characters) names the event");
  }
  auto description = params.find("description");
  std::string text_value = description == params.end() ? std::string() : description->second;
  if (text_value.size() > 300)
    return bad_field("description", "the description is longer than 300 characters");
  // Queued like a device's own EVENT_LOG (written with the next flush, the timeline trimmed there).
  ctx.hub.queue_event(device.id,
                      TimelineEvent{ctx.clock.now(), "event", code->second, std::move(text_value)});
  return text(200, "");
}

}  // namespace

HttpResponse external_api(Context& ctx, const Route& route, std::string_view call) {
  const auto params = parameters(route);
  auto token = params.find("token");
  if (token == params.end() || token->second.empty()) return bad_field("token", "'token' is required");
  std::optional<Device> device;
  if (is_token_shaped(token->second)) {
    auto found = ctx.store.read([&](Records& r) { return r.device_by_token(token_hash(token->second)); });
    if (!found) return store_error(route, found.error());
    device = std::move(*found);
  }
  if (!device) return json_error(401, "invalid_token", "the token is unknown or revoked");

  if (call == "isHardwareConnected") return text(200, ctx.hub.online(device->id) ? "true" : "false");
  if (call == "update" || call == "batch/update") return update_pins(ctx, route, *device, params);
  if (call == "get") return get_pins(ctx, route, *device, params);
  if (call == "update/property") return update_property(ctx, route, *device, params);
  if (call == "logEvent") return log_event(ctx, *device, params);
  return json_error(404, "not_found", "no such device API call");
}

}  // namespace onboard::cloud::api
