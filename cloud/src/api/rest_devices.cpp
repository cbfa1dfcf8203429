// GET /api/v1/devices, GET/PATCH/DELETE /api/v1/devices/{id},
// POST .../reconfigure, POST .../erase, GET .../timeline.
#include <spdlog/spdlog.h>

#include "onboard/cloud/domain/accounts.hpp"
#include "onboard/cloud/domain/provisioning.hpp"
#include "routes.hpp"

namespace onboard::cloud::api {

json provisioning_json(const ProvisioningSession& s, const std::string* token);
std::optional<Id> parse_id(std::string_view text);
HttpResponse list_devices_page(Context& ctx, const Route& route, std::optional<Id> owner, Id org_id);

json device_json(Context& ctx, const Device& d) {
  return device_json(ctx, d, ctx.hub.online(d.id));
}

json device_json(Context& ctx, const Device& d, bool online) {
  json out{{"id", d.id},
           {"name", d.name},
           {"templateId", d.template_id},
           {"online", online},
           {"lastSeen", online ? iso8601(ctx.clock.now()) : iso8601(d.last_seen)},
           {"activatedAt", iso8601(d.activated_at)},
           {"ownerId", d.owner_id},
           {"orgId", d.org_id},
           {"firmware", d.firmware},
           // What the device announced; the server's default until it does.
           {"heartbeat", d.heartbeat_s > 0 ? d.heartbeat_s : ctx.config.default_heartbeat}};
  return out;
}

HttpResponse list_devices(Context& ctx, const Route& route) {
  HttpResponse error;
  auto user = signed_in(ctx, route, error);
  if (!user) return error;
  std::optional<Id> owner;
  if (!has_permission(user->role, Permission::SeeAllDevices)) owner = user->id;
  if (route.query.count("limit") || route.query.count("offset") || route.query.count("q")) {
    return list_devices_page(ctx, route, owner, user->org_id);
  }
  auto devices = ctx.store.read([&](Records& r) { return r.devices_of_org(user->org_id, owner); });
  if (!devices) return store_error(route, devices.error());
  std::vector<Id> ids;
  for (const auto& d : *devices) ids.push_back(d.id);
  const auto online = ctx.hub.online_among(ids);
  json out = json::array();
  for (const auto& d : *devices) out.push_back(device_json(ctx, d, online.count(d.id) != 0));
  return json_response(200, out);
}

namespace {

HttpResponse patch_device(Context& ctx, const Route& route, const Device& device) {
  HttpResponse error;
  auto body = json_body(route.request, error);
  if (!body) return error;
  auto name = string_field(*body, "name", error, 100);
  if (!name) return error;
  auto renamed = ctx.devices.rename(device, *name);
  if (renamed.is(StoreErrorKind::Conflict))
    return json_error(409, "conflict", "another device of the organization is named '" + *name + "'");
  if (!renamed) return store_error(route, renamed.error());
  auto fresh = ctx.store.read([&](Records& r) { return r.device_by_id(device.id); });
  if (!fresh) return store_error(route, fresh.error());
  return json_response(200, device_json(ctx, *fresh ? **fresh : device));
}

HttpResponse delete_device(Context& ctx, const Route& route, const Device& device) {
  if (auto removed = ctx.devices.remove(device); !removed) return store_error(route, removed.error());
  ctx.hub.forget(device.id, true);
  // Its connection closes wherever it is (this node or the one holding it).
  const auto dropped = ctx.hub.send(DeviceCommand{device.id, kDrop, "device deleted"});
  if (dropped.status == 503) {
    spdlog::warn("req={} device={} deleted, but its connection was not closed: {}", route.request.request_id,
                 device.id, dropped.reason);
    return command_failed(dropped, "the device is deleted and its token revoked");
  }
  spdlog::info("req={} device={} deleted; its token is revoked", route.request.request_id, device.id);
  return HttpResponse{204, "application/json", "", {}};
}

HttpResponse reconfigure(Context& ctx, const Route& route, const User& user, const Device& device) {
  auto found = ctx.store.read([&](Records& r) { return r.template_by_id(device.template_id); });
  if (!found) return store_error(route, found.error());
  const auto& tmpl = *found;
  if (!tmpl) return json_error(409, "conflict", "the device's template no longer exists");
  auto result = create_provisioning(ctx.store, ctx.clock, user, *tmpl, provisioning_limits(ctx), device.id);
  if (!result) return store_error(route, result.error());
  if (!result->created) return too_many_provisionings(ctx, *result);
  const auto& created = *result->created;
  // "Reconfigure" in the app: an online device is told to open its AP while keeping
  // its saved network (the Edgent console's `config start`), so no button is needed
  // and a failed attempt rolls back to the network that works.
  const auto sent = ctx.hub.send(DeviceCommand{device.id, kInternal, std::string("dbg\0config start", 16)});
  if (sent.status == 503)
    return command_failed(sent, fmt::format("provisioning session {} was opened", created.session.id));
  const bool notified = sent.status == 200;
  spdlog::info("req={} reconfigure session {} for device={} (device {})", route.request.request_id,
               created.session.id, device.id, notified ? "told to open its AP" : "offline");
  json body = provisioning_json(created.session, &created.token);
  body["deviceNotified"] = notified;
  return json_response(201, body);
}

HttpResponse timeline(Context& ctx, const Route& route, const Device& device) {
  int limit = 100;
  if (auto it = route.query.find("limit"); it != route.query.end()) {
    auto parsed = parse_id(it->second);
    if (!parsed || *parsed > 1000) return bad_field("limit", "'limit' must be 1 to 1000");
    limit = static_cast<int>(*parsed);
  }
  if (auto flushed = ctx.hub.flush(); !flushed)
    return store_error(route, flushed.error());  // queued events become visible
  auto events = ctx.store.read([&](Records& r) { return r.events_of_device(device.id, limit); });
  if (!events) return store_error(route, events.error());
  json out = json::array();
  for (const auto& e : *events) {
    out.push_back(
        json{{"ts", iso8601(e.ts)}, {"type", e.type}, {"code", e.code}, {"description", e.description}});
  }
  return json_response(200, out);
}

}  // namespace

HttpResponse device_request(Context& ctx, const Route& route, std::string_view id_text,
                            std::string_view action) {
  HttpResponse error;
  auto user = signed_in(ctx, route, error);
  if (!user) return error;
  auto id = parse_id(id_text);
  if (!id) return json_error(404, "not_found", "no such device");
  auto found = ctx.store.read([&](Records& r) { return r.device_by_id(*id); });
  if (!found) return store_error(route, found.error());
  const auto& device = *found;
  if (!device || device->org_id != user->org_id) return json_error(404, "not_found", "no such device");
  if (!can_see(*user, *device))
    return json_error(403, "forbidden", "only the device's owner or an admin may do this");
  const auto& m = route.request.method;
  const bool manage = can_manage(*user, *device);
  auto forbidden = [] {
    return json_error(403, "forbidden", "only the device's owner or an admin may do this");
  };
  auto not_allowed = [&] { return json_error(405, "method_not_allowed", m + " is not allowed here"); };

  if (action.empty()) {
    if (m == "GET")
      return manage || has_permission(user->role, Permission::SeeAllDevices)
                 ? json_response(200, device_json(ctx, *device))
                 : forbidden();
    if (m == "PATCH") return manage ? patch_device(ctx, route, *device) : forbidden();
    if (m == "DELETE") return manage ? delete_device(ctx, route, *device) : forbidden();
    return not_allowed();
  }
  if (action == "reconfigure") {
    if (m != "POST") return not_allowed();
    return manage ? reconfigure(ctx, route, *user, *device) : forbidden();
  }
  if (action == "erase") {
    if (m != "POST") return not_allowed();
    if (!manage) return forbidden();
    if (auto erased = ctx.store.write([&](Records& r) { return r.delete_device_data(device->id); }); !erased)
      return store_error(route, erased.error());
    ctx.hub.forget(device->id, false);
    spdlog::info("req={} device={} data erased", route.request.request_id, device->id);
    return json_response(200, json{{"id", device->id}, {"erased", true}});
  }
  if (action == "timeline") {
    if (m != "GET") return not_allowed();
    return manage || has_permission(user->role, Permission::SeeAllDevices) ? timeline(ctx, route, *device)
                                                                           : forbidden();
  }
  return json_error(404, "not_found", "no such path");
}

}  // namespace onboard::cloud::api
