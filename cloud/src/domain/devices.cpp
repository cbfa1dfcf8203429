#include "onboard/cloud/domain/devices.hpp"

namespace onboard::cloud {

namespace {
bool is_open(ProvisioningState state) {
  return state == ProvisioningState::Pending || state == ProvisioningState::Connected;
}
}  // namespace

StoreResult<LoginLookup> Devices::login(const std::string& token_hash) {
  // Most logins are devices reconnecting: a read, no write lock. A login with
  // the new token changes nothing either: only the device's confirmation (or
  // the deadline) ends the token it replaced, as a device may retry with a
  // token it has not saved yet.
  auto known = store_.read([&](Records& r) { return r.device_by_token(token_hash); });
  if (!known) return known.error();
  if (*known) return LoginLookup{*known, std::nullopt, std::nullopt};

  const Millis now = clock_.now();
  return store_.write([&](Records& r) -> StoreResult<LoginLookup> {
    LoginLookup out;
    auto device = r.device_by_token(token_hash);
    if (!device) return device.error();
    if (*device) {
      out.device = std::move(*device);
      return out;
    }
    auto back = r.device_by_previous_token(token_hash);
    if (!back) return back.error();
    if (*back) {
      auto& d = **back;
      const Millis until = d.previous_token_until.value_or(0);
      if (now >= until) {
        // Its time is up: forgotten, so the token is unknown from now on.
        if (auto s = r.update_device_tokens(d.id, d.token_hash, std::nullopt, std::nullopt); !s)
          return s.error();
        return out;
      }
      // The device came back with the token a reconfigure replaced (cut off
      // before it saved the new configuration, or someone else holds the old
      // token). It may log in until the deadline; the new token stays.
      auto e = r.insert_event(d.id, TimelineEvent{now, "warning", "replaced_token_login",
                                                  "the device logged in with the token the reconfigure "
                                                  "replaced (it may not have saved the new configuration); "
                                                  "that token stops working at " +
                                                      iso8601(until)});
      if (!e) return e.error();
      out.replaced_token_until = until;
      out.device = std::move(d);
      return out;
    }
    auto session = r.provisioning_by_token(token_hash);
    if (!session) return session.error();
    if (!*session) return out;
    auto& s = **session;
    if (is_open(s.state)) {
      s.state = s.expires_at <= now ? ProvisioningState::Expired : ProvisioningState::Connected;
      s.reason.clear();
      if (s.state == ProvisioningState::Connected && s.connected_at == 0) s.connected_at = now;
      if (s.state == ProvisioningState::Expired) s.finished_at = s.expires_at;
      if (auto u = r.update_provisioning(s); !u) return u.error();
    }
    out.session = std::move(s);
    return out;
  });
}

StoreResult<ActivationOutcome> Devices::activate(const std::string& token_hash,
                                                 const ActivationReport& report) {
  std::optional<std::pair<Id, std::string>> named;
  for (int attempt = 0;; ++attempt) {
    auto out = activate_once(token_hash, report, named);
    if (out || !named) return out;
    if (!out.is(StoreErrorKind::Conflict)) {
      names_.forget(named->first);  // not committed: the name it took may be free after all
      return out;
    }
    // Another writer (another node) took the name, or a rename not seen did: try past it.
    // (A conflict on the token, another node activating the same session, ends the next
    // attempt as AlreadyActivated.)
    names_.conflicted(named->first, named->second, attempt);
    if (attempt == 15) return out;
  }
}

StoreResult<ActivationOutcome> Devices::activate_once(const std::string& token_hash,
                                                      const ActivationReport& report,
                                                      std::optional<std::pair<Id, std::string>>& named) {
  const Millis now = clock_.now();
  return store_.write([&](Records& r) -> StoreResult<ActivationOutcome> {
    ActivationOutcome out;
    named.reset();
    auto found = r.provisioning_by_token(token_hash);
    if (!found) return found.error();
    if (!*found) return out;
    auto session = std::move(**found);
    out.state = session.state;
    if (session.state == ProvisioningState::Activated) {
      auto device = r.device_by_token(token_hash);
      if (!device) return device.error();
      if (*device) {
        out.kind = ActivationOutcome::Kind::AlreadyActivated;
        out.device = std::move(**device);
      }
      return out;
    }
    if (!is_open(session.state)) return out;
    if (session.expires_at <= now) {
      session.state = ProvisioningState::Expired;
      session.finished_at = session.expires_at;
      if (auto u = r.update_provisioning(session); !u) return u.error();
      out.state = session.state;
      return out;
    }

    Id device_id = 0;
    if (session.reconfigure) {
      std::optional<Device> device;
      if (session.device_id) {
        auto d = r.device_by_id(*session.device_id);
        if (!d) return d.error();
        device = std::move(*d);
      }
      if (!device) {
        session.state = ProvisioningState::Failed;
        session.reason = "device_deleted";
        session.finished_at = now;
        if (auto u = r.update_provisioning(session); !u) return u.error();
        out.state = session.state;
        return out;
      }
      device_id = device->id;
      // The old token keeps working until the device confirms it saved the new
      // one (confirm_token_saved), for kReplacedTokenGraceMs at most.
      // A device that never confirmed its current token still holds the one before it
      // (a cut reconfigure): that one stays the replaced token, not the unconfirmed one.
      const bool unconfirmed = device->previous_token_hash && device->previous_token_until.value_or(0) > now;
      const std::string replaced = unconfirmed ? *device->previous_token_hash : device->token_hash;
      if (auto u = r.update_device_tokens(device_id, token_hash, replaced, now + kReplacedTokenGraceMs); !u)
        return u.error();
      // Its firmware is left to the info's own write: that one also tells the OTA
      // rules what the version means for a shipment in flight.
    } else {
      auto tmpl = r.template_by_id(session.template_id);
      if (!tmpl) return tmpl.error();
      const std::string base = *tmpl ? (*tmpl)->name : session.template_id;
      auto name = names_.choose(r, session.org_id, base);
      if (!name) return name.error();
      Device d;
      d.org_id = session.org_id;
      d.owner_id = session.requester_id;
      d.template_id = session.template_id;
      d.name = *name;
      d.token_hash = token_hash;
      d.firmware = report.firmware;
      d.activated_at = now;
      d.last_seen = now;
      named.emplace(session.org_id, *name);
      auto id = r.insert_device(d);
      if (!id) return id.error();
      device_id = *id;
      out.created = true;
    }
    if (report.heartbeat_s != 0)
      if (auto u = r.update_device_heartbeat(device_id, report.heartbeat_s); !u) return u.error();
    session.state = ProvisioningState::Activated;
    session.device_id = device_id;
    session.finished_at = now;
    if (session.connected_at == 0) session.connected_at = now;
    session.reason.clear();
    if (auto u = r.update_provisioning(session); !u) return u.error();
    auto e = r.insert_event(device_id, TimelineEvent{now, "activated", "activated",
                                                     "activated with template " + session.template_id});
    if (!e) return e.error();
    if (!report.template_reported) {
      e = r.insert_event(device_id, TimelineEvent{now, "warning", "no_template",
                                                  "the device did not report a template id; activated with " +
                                                      session.template_id});
      if (!e) return e.error();
    }
    auto device = r.device_by_id(device_id);
    if (!device) return device.error();
    if (!*device) return store_failure(StoreErrorKind::NotFound, "the activated device vanished");
    out.kind = ActivationOutcome::Kind::Activated;
    out.state = ProvisioningState::Activated;
    out.device = std::move(**device);
    return out;
  });
}

StoreResult<bool> Devices::fail_session(Id session_id, const std::string& reason) {
  return store_.write([&](Records& r) -> StoreResult<bool> {
    auto found = r.provisioning_by_id(session_id);
    if (!found) return found.error();
    if (!*found || !is_open((*found)->state)) return false;
    auto session = std::move(**found);
    session.state = ProvisioningState::Failed;
    session.reason = reason;
    session.finished_at = clock_.now();
    if (auto u = r.update_provisioning(session); !u) return u.error();
    return true;
  });
}

StoreResult<bool> Devices::confirm_token_saved(Id device_id, const std::string& token_hash) {
  const Millis now = clock_.now();
  return store_.write([&](Records& r) -> StoreResult<bool> {
    auto found = r.device_by_id(device_id);
    if (!found) return found.error();
    if (!*found || (*found)->token_hash != token_hash) return false;
    if (!(*found)->previous_token_hash) return true;
    if (auto s = r.update_device_tokens(device_id, token_hash, std::nullopt, std::nullopt); !s)
      return s.error();
    auto e = r.insert_event(device_id, TimelineEvent{now, "activated", "token_saved",
                                                     "the device saved its new token: the one it replaced no "
                                                     "longer works"});
    if (!e) return e.error();
    return true;
  });
}

StoreResult<bool> Devices::set_metadata(Id device_id, const std::string& name, const std::string& value,
                                        long max_metadata) {
  constexpr const char* kOverCap = "the device has the most metadata names allowed";
  auto status = store_.write([&](Records& r) -> StoreStatus {
    if (auto s = r.upsert_metadata(device_id, name, value); !s) return s;
    auto count = r.count_metadata(device_id);
    if (!count) return count.error();
    // As for properties: counted after the write, rolled back when over.
    if (*count > max_metadata) return store_failure(StoreErrorKind::Conflict, kOverCap);
    return done();
  });
  if (status.is(StoreErrorKind::Conflict) && status.error().message == kOverCap) return false;
  if (!status) return status.error();
  return true;
}

StoreResult<bool> Devices::set_property(Id device_id, const std::string& pin, const std::string& name,
                                        const std::string& value, long max_properties) {
  constexpr const char* kOverCap = "the device has the most properties allowed";
  auto status = store_.write([&](Records& r) -> StoreStatus {
    if (auto s = r.upsert_property(device_id, pin, name, value); !s) return s;
    auto count = r.count_properties(device_id);
    if (!count) return count.error();
    // Counted after the write, so an update of a kept property always passes; over: rolled back.
    if (*count > max_properties) return store_failure(StoreErrorKind::Conflict, kOverCap);
    return done();
  });
  if (status.is(StoreErrorKind::Conflict) && status.error().message == kOverCap) return false;
  if (!status) return status.error();
  return true;
}

StoreStatus Devices::rename(const Device& device, const std::string& name) {
  auto out = store_.write([&](Records& r) { return r.update_device_name(device.id, name); });
  names_.forget(device.org_id);  // the old name may be free now, the new one taken; renames are rare
  return out;
}

StoreStatus Devices::remove(const Device& device) {
  auto out = store_.write([&](Records& r) -> StoreStatus {
    auto open = r.open_provisioning_of_device(device.id);
    if (!open) return open.error();
    for (auto& session : *open) {
      session.state = ProvisioningState::Failed;
      session.reason = "device_deleted";
      session.finished_at = clock_.now();
      if (auto u = r.update_provisioning(session); !u) return u.error();
    }
    return r.delete_device(device.id);
  });
  names_.forget(device.org_id);  // its name is free again (reused by the next activation)
  return out;
}

}  // namespace onboard::cloud
