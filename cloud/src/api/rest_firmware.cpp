// Firmware images and shipments (REST), and the download links devices fetch.
#include <spdlog/spdlog.h>

#include <charconv>

#include "onboard/cloud/domain/firmware_check.hpp"
#include "routes.hpp"

namespace onboard::cloud {

long body_limit_for(const Config& config, std::string_view method, std::string_view target) {
  constexpr std::string_view kPrefix = "/api/v1/templates/";
  constexpr std::string_view kSuffix = "/firmware";
  const auto path = target.substr(0, target.find('?'));
  const bool upload = method == "POST" && path.size() > kPrefix.size() + kSuffix.size() &&
                      path.substr(0, kPrefix.size()) == kPrefix &&
                      path.substr(path.size() - kSuffix.size()) == kSuffix;
  return upload ? std::max(config.firmware_max_bytes, config.http_body_limit) : config.http_body_limit;
}

namespace api {

namespace {

HttpResponse refusal(const OtaRefusal& r) {
  switch (r.kind) {
    case OtaRefusal::Kind::NotFound: return json_error(404, "not_found", r.reason);
    case OtaRefusal::Kind::Forbidden: return json_error(403, "forbidden", r.reason);
    case OtaRefusal::Kind::Invalid: break;
  }
  return json_error(400, "bad_request", r.reason);
}

json image_json(const FirmwareImage& f) {
  return json{
      {"id", f.id},     {"templateId", f.template_id}, {"version", f.version}, {"build", f.build},
      {"size", f.size}, {"sha256", f.sha256},          {"md5", f.md5},         {"createdAt", f.created_at}};
}

std::optional<Id> parse_id(std::string_view text) {
  Id id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

std::optional<Ota*> ota_of(Context& ctx, HttpResponse& error) {
  if (ctx.ota == nullptr) {
    error = json_error(503, "unavailable", "firmware updates are not enabled on this server");
    return std::nullopt;
  }
  return ctx.ota;
}

// "bytes=N-" or "bytes=N-M"; anything else reads as no range (the whole image, 200).
std::optional<ByteRange> parse_range(std::string_view header) {
  constexpr std::string_view kUnit = "bytes=";
  if (header.substr(0, kUnit.size()) != kUnit) return std::nullopt;
  header.remove_prefix(kUnit.size());
  const auto dash = header.find('-');
  if (dash == std::string_view::npos || dash == 0 || header.find(',') != std::string_view::npos)
    return std::nullopt;
  ByteRange range;
  const auto first = header.substr(0, dash);
  if (std::from_chars(first.data(), first.data() + first.size(), range.first).ptr !=
      first.data() + first.size())
    return std::nullopt;
  const auto last = header.substr(dash + 1);
  if (!last.empty()) {
    std::int64_t value = 0;
    if (std::from_chars(last.data(), last.data() + last.size(), value).ptr != last.data() + last.size())
      return std::nullopt;
    range.last = value;
  }
  return range;
}

}  // namespace

HttpResponse upload_firmware(Context& ctx, const Route& route, std::string_view template_id) {
  HttpResponse error;
  auto user = signed_in(ctx, route, error);
  if (!user) return error;
  auto ota = ota_of(ctx, error);
  if (!ota) return error;
  if (route.request.body.empty())
    return json_error(400, "bad_request", "send the image file as the body (application/octet-stream)");
  auto checked = check_image(route.request.body, static_cast<std::size_t>(ctx.config.firmware_max_bytes));
  if (auto* reason = std::get_if<std::string>(&checked)) return json_error(400, "bad_image", *reason);
  auto added =
      (*ota)->add_image(*user, std::string(template_id), std::get<ImageFacts>(checked), route.request.body);
  if (!added) return store_error(route, added.error());
  if (!added->value)
    return added->refusal.kind == OtaRefusal::Kind::Invalid
               ? json_error(400, "bad_image", added->refusal.reason)
               : refusal(added->refusal);
  spdlog::info("req={} firmware {} version {} build {} for {} ({} bytes)", route.request.request_id,
               added->value->id, added->value->version, added->value->build, template_id, added->value->size);
  return json_response(201, image_json(*added->value));
}

HttpResponse list_firmware(Context& ctx, const Route& route, std::string_view template_id) {
  HttpResponse error;
  auto user = signed_in(ctx, route, error);
  if (!user) return error;
  auto ota = ota_of(ctx, error);
  if (!ota) return error;
  auto images = (*ota)->images(*user, std::string(template_id));
  if (!images) return store_error(route, images.error());
  if (!images->value) return refusal(images->refusal);
  json out = json::array();
  for (const auto& f : *images->value) out.push_back(image_json(f));
  return json_response(200, out);
}

HttpResponse create_shipment(Context& ctx, const Route& route) {
  HttpResponse error;
  auto user = signed_in(ctx, route, error);
  if (!user) return error;
  auto ota = ota_of(ctx, error);
  if (!ota) return error;
  auto body = json_body(route.request, error);
  if (!body) return error;
  ShipmentRequest request;
  auto firmware = body->find("firmwareId");
  if (firmware == body->end() || !firmware->is_number_integer())
    return bad_field("firmwareId", "'firmwareId' is required: the id of an uploaded image");
  request.firmware_id = firmware->get<Id>();
  if (auto ids = body->find("deviceIds"); ids != body->end() && !ids->is_null()) {
    if (!ids->is_array() || ids->empty() || ids->size() > 10000)
      return bad_field("deviceIds", "'deviceIds' must be a list of 1 to 10000 device ids (or left out: all)");
    request.device_ids.emplace();
    for (const auto& id : *ids) {
      if (!id.is_number_integer())
        return bad_field("deviceIds", "'deviceIds' must hold device ids (numbers)");
      request.device_ids->push_back(id.get<Id>());
    }
  }
  if (auto c = body->find("condition"); c != body->end()) {
    auto condition = c->is_string() ? shipment_condition_from(c->get<std::string>()) : std::nullopt;
    if (!condition) return bad_field("condition", "'condition' must be \"lower_version\" or \"any\"");
    request.condition = *condition;
  }
  if (auto a = body->find("attemptsPerDay"); a != body->end()) {
    if (!a->is_number_integer()) return bad_field("attemptsPerDay", "'attemptsPerDay' must be a number");
    request.attempts_per_day = static_cast<int>(std::clamp<std::int64_t>(a->get<std::int64_t>(), -1, 1000));
  }
  auto shipped = (*ota)->ship(*user, request);
  if (!shipped) return store_error(route, shipped.error());
  if (!shipped->value) return refusal(shipped->refusal);
  const auto& shipment = *shipped->value;

  // Devices online now get the command at once, through the same path as any
  // command to a device; the others when they next log in.
  auto view = (*ota)->view(*user, shipment.id);
  if (!view) return store_error(route, view.error());
  std::vector<Id> ids;
  for (const auto& target : view->value->targets) ids.push_back(target.device_id);
  int sent = 0;
  for (Id device_id : ctx.hub.online_among(ids)) {
    auto device = ctx.store.read([&](Records& r) { return r.device_by_id(device_id); });
    if (!device) return store_error(route, device.error());
    if (!*device) continue;
    auto command = (*ota)->on_version(device_id, (*device)->firmware, "");
    if (!command) return store_error(route, command.error());
    if (!*command) continue;
    // The same path as the device HTTP API's updates: here, or through the cluster.
    const auto answer = ctx.hub.send(DeviceCommand{device_id, kInternal, (*command)->body});
    if (answer.status == 200)
      ++sent;
    else
      spdlog::info("req={} ota command for device {} not delivered ({} {}): sent at its next login",
                   route.request.request_id, device_id, answer.status, answer.reason);
  }
  spdlog::info("req={} shipment {} of firmware {}: {} devices, {} sent now", route.request.request_id,
               shipment.id, shipment.firmware_id, view->value->targets.size(), sent);
  auto settled = (*ota)->view(*user, shipment.id);
  if (!settled) return store_error(route, settled.error());
  return json_response(201, json{{"id", shipment.id},
                                 {"state", settled->value->shipment.state},
                                 {"devices", settled->value->targets.size()}});
}

HttpResponse get_shipment(Context& ctx, const Route& route, std::string_view id_text) {
  HttpResponse error;
  auto user = signed_in(ctx, route, error);
  if (!user) return error;
  auto ota = ota_of(ctx, error);
  if (!ota) return error;
  auto id = parse_id(id_text);
  if (!id) return json_error(404, "not_found", "no shipment " + std::string(id_text));
  auto view = (*ota)->view(*user, *id);
  if (!view) return store_error(route, view.error());
  if (!view->value) return refusal(view->refusal);
  const auto& v = *view->value;
  json devices = json::array();
  for (const auto& t : v.targets) {
    json d{{"deviceId", t.device_id},
           {"status", std::string(to_string(t.status))},
           {"bytes", t.progress},
           {"bytesServed", t.served},
           {"attempts", t.attempts}};
    if (t.status == OtaStatus::Downloading || t.status == OtaStatus::Downloaded)
      d["progress"] = v.image.size > 0 ? t.progress * 100 / v.image.size : 0;
    if (!t.reason.empty()) d["reason"] = t.reason;
    if (!t.from_version.empty()) d["fromVersion"] = t.from_version;
    devices.push_back(std::move(d));
  }
  return json_response(200, json{{"id", v.shipment.id},
                                 {"state", v.shipment.state},
                                 {"firmwareId", v.shipment.firmware_id},
                                 {"version", v.image.version},
                                 {"build", v.image.build},
                                 {"size", v.image.size},
                                 {"condition", std::string(to_string(v.shipment.condition))},
                                 {"attemptsPerDay", v.shipment.attempts_per_day},
                                 {"createdAt", v.shipment.created_at},
                                 {"devices", devices}});
}

HttpResponse ota_download(Context& ctx, const Route& route, std::string_view token) {
  HttpResponse error;
  auto ota = ota_of(ctx, error);
  if (!ota) return error;
  const auto range = parse_range(route.request.range);
  auto part = (*ota)->download(std::string(token), range);
  if (!part) return store_error(route, part.error());
  if (!part->value) {
    if (part->refusal.kind == OtaRefusal::Kind::Invalid) {
      auto r = json_error(416, "range_not_satisfiable", part->refusal.reason);
      return r;
    }
    return refusal(part->refusal);
  }
  auto& p = *part->value;
  const auto size = static_cast<std::int64_t>(p.bytes.size());
  // Where each download starts: what a resumed download costs is read from here.
  spdlog::info("req={} ota download shipment={} device={} bytes {}-{}/{}{}", route.request.request_id,
               p.shipment_id, p.device_id, p.first, p.first + size - 1, p.image.size,
               p.partial ? " (range)" : "");
  HttpResponse response{p.partial ? 206 : 200, "application/octet-stream", std::move(p.bytes), {}};
  response.headers.emplace_back("Accept-Ranges", "bytes");
  response.headers.emplace_back("x-MD5", p.image.md5);
  response.headers.emplace_back("x-sha256", p.image.sha256);
  response.headers.emplace_back("Cache-Control", "no-store");
  if (p.partial) {
    response.headers.emplace_back("Content-Range", "bytes " + std::to_string(p.first) + "-" +
                                                       std::to_string(p.first + size - 1) + "/" +
                                                       std::to_string(p.image.size));
  }
  return response;
}

}  // namespace api
}  // namespace onboard::cloud
