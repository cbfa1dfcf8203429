#include <charconv>
#include <set>
#include <string_view>

#include <fmt/format.h>

#include "sqlite_store.hpp"

namespace onboard::cloud::sqlite {

namespace {
constexpr const char* kSessionColumns =
    "SELECT id, token_hash, template_id, org_id, requester_id, device_id, state, reason, created_at, "
    "expires_at, "
    "reconfigure FROM provisioning_sessions ";

ProvisioningSession session_from(Stmt& s) {
  ProvisioningSession p;
  p.id = s.int64(0);
  p.token_hash = s.text(1);
  p.template_id = s.text(2);
  p.org_id = s.int64(3);
  p.requester_id = s.int64(4);
  p.device_id = s.opt_int64(5);
  p.state = provisioning_state_from(s.text(6)).value_or(ProvisioningState::Failed);
  p.reason = s.text(7);
  p.created_at = s.int64(8);
  p.expires_at = s.int64(9);
  p.reconfigure = s.int64(10) != 0;
  return p;
}

// The number N when `name` is "base_name N" (N >= 2, digits only).
std::optional<long> suffix_number(std::string_view name, std::string_view base_name) {
  if (name.size() < base_name.size() + 2 || name.substr(0, base_name.size()) != base_name ||
      name[base_name.size()] != ' ') {
    return std::nullopt;
  }
  const auto suffix = name.substr(base_name.size() + 1);
  long n = 0;
  auto [ptr, ec] = std::from_chars(suffix.data(), suffix.data() + suffix.size(), n);
  if (ec != std::errc() || ptr != suffix.data() + suffix.size() || n < 2) return std::nullopt;
  return n;
}

void advance(long& lowest_free, std::set<long>& above) {
  while (!above.empty() && *above.begin() == lowest_free) {
    above.erase(above.begin());
    ++lowest_free;
  }
}
}  // namespace

SqliteStore::NameSlots SqliteStore::load_name_slots(Id org_id, const std::string& base_name) {
  std::string pattern;
  for (char c : base_name) {
    if (c == '%' || c == '_' || c == '!') pattern.push_back('!');
    pattern.push_back(c);
  }
  pattern += " %";
  Stmt s(db_, "SELECT name FROM devices WHERE org_id = ? AND (name = ? OR name LIKE ? ESCAPE '!')");
  s.bind(1, org_id).bind(2, base_name).bind(3, pattern);
  NameSlots slots;
  while (s.step()) {
    const auto name = s.text(0);
    if (name == base_name) {
      slots.base_taken = true;
    } else if (const auto n = suffix_number(name, base_name)) {
      slots.above.insert(*n);
    }
  }
  advance(slots.lowest_free, slots.above);
  return slots;
}

// base_name, or "base_name N" with the smallest free N >= 2 (numbers freed
// by deleted or renamed devices are reused).
std::string SqliteStore::free_name(Id org_id, const std::string& base_name) {
  auto key = std::make_pair(org_id, base_name);
  auto it = names_.find(key);
  if (it == names_.end()) it = names_.emplace(std::move(key), load_name_slots(org_id, base_name)).first;
  const auto& slots = it->second;
  if (!slots.base_taken) return base_name;
  return fmt::format("{} {}", base_name, slots.lowest_free);
}

// A device of this org is now called `name`: every base it counts against
// (a template "Lamp 2" takes a number from "Lamp" too) learns it.
void SqliteStore::name_taken(Id org_id, const std::string& name) {
  for (auto it = names_.lower_bound({org_id, std::string()}); it != names_.end() && it->first.first == org_id;
       ++it) {
    const auto& base = it->first.second;
    auto& slots = it->second;
    if (name == base) {
      slots.base_taken = true;
    } else if (const auto n = suffix_number(name, base); n && *n >= slots.lowest_free) {
      slots.above.insert(*n);
      advance(slots.lowest_free, slots.above);
    }
  }
}

// Renames and deletions free or take names anywhere: reload on next use.
void SqliteStore::forget_names(Id org_id) {
  names_.erase(names_.lower_bound({org_id, std::string()}), names_.lower_bound({org_id + 1, std::string()}));
}

std::optional<ProvisioningSession> SqliteStore::session_where(const char* where,
                                                              const std::function<void(Stmt&)>& binder) {
  Stmt s(db_, (std::string(kSessionColumns) + where).c_str());
  binder(s);
  if (!s.step()) return std::nullopt;
  return session_from(s);
}

Id SqliteStore::create_provisioning(const ProvisioningSession& p) {
  std::lock_guard lock(mutex_);
  Stmt s(
      db_,
      "INSERT INTO provisioning_sessions (token_hash, template_id, org_id, requester_id, device_id, state, "
      "reason, created_at, expires_at, reconfigure) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, p.token_hash)
      .bind(2, p.template_id)
      .bind(3, p.org_id)
      .bind(4, p.requester_id)
      .bind(5, p.device_id);
  s.bind(6, to_string(p.state)).bind(7, p.reason).bind(8, p.created_at).bind(9, p.expires_at);
  s.bind(10, std::int64_t{p.reconfigure ? 1 : 0});
  if (!s.run()) throw StoreError("provisioning token collision");
  return db_.last_insert_id();
}

std::optional<ProvisioningSession> SqliteStore::find_provisioning(Id id) {
  std::lock_guard lock(mutex_);
  return session_where("WHERE id = ?", [&](Stmt& s) { s.bind(1, id); });
}

std::optional<ProvisioningSession> SqliteStore::find_provisioning_by_token(const std::string& token_hash) {
  std::lock_guard lock(mutex_);
  return session_where("WHERE token_hash = ?", [&](Stmt& s) { s.bind(1, token_hash); });
}

bool SqliteStore::advance_provisioning(Id id, ProvisioningState to, const std::string& reason) {
  std::lock_guard lock(mutex_);
  Stmt s(db_,
         "UPDATE provisioning_sessions SET state = ?, reason = ? WHERE id = ? AND state IN ('pending', "
         "'connected')");
  s.bind(1, to_string(to)).bind(2, reason).bind(3, id).run();
  return db_.changes() > 0;
}

ActivationOutcome SqliteStore::activate(const ActivationRequest& request) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  ActivationOutcome out;
  auto session = session_where("WHERE token_hash = ?", [&](Stmt& s) { s.bind(1, request.token_hash); });
  if (!session) return out;
  out.state = session->state;
  if (session->state == ProvisioningState::Activated) {
    auto device = device_where("WHERE token_hash = ?", [&](Stmt& s) { s.bind(1, request.token_hash); });
    if (device) {
      out.kind = ActivationOutcome::Kind::AlreadyActivated;
      out.device = *device;
    }
    return out;
  }
  if (session->state != ProvisioningState::Pending && session->state != ProvisioningState::Connected)
    return out;
  if (session->expires_at <= request.now) {
    Stmt s(db_, "UPDATE provisioning_sessions SET state = 'expired' WHERE id = ?");
    s.bind(1, session->id).run();
    tx.commit();
    out.state = ProvisioningState::Expired;
    return out;
  }

  Id device_id = 0;
  std::optional<std::string> new_name;
  if (session->reconfigure) {
    if (!session->device_id) {
      Stmt s(db_,
             "UPDATE provisioning_sessions SET state = 'failed', reason = 'device_deleted' WHERE id = ?");
      s.bind(1, session->id).run();
      tx.commit();
      out.state = ProvisioningState::Failed;
      return out;
    }
    device_id = *session->device_id;
    // The old token stays valid until the device shows it saved the new one (look_up_login).
    Stmt s(db_, "UPDATE devices SET previous_token_hash = token_hash, token_hash = ? WHERE id = ?");
    s.bind(1, request.token_hash).bind(2, device_id).run();
  } else {
    std::string base_name = request.base_name;
    if (base_name.empty()) {
      Stmt t(db_, "SELECT name FROM templates WHERE id = ?");
      t.bind(1, session->template_id);
      base_name = t.step() ? t.text(0) : session->template_id;
    }
    std::string name = free_name(session->org_id, base_name);
    auto insert = [&] {
      Stmt s(db_,
             "INSERT INTO devices (org_id, owner_id, template_id, name, token_hash, activated_at, last_seen) "
             "VALUES (?, ?, ?, ?, ?, ?, ?)");
      s.bind(1, session->org_id).bind(2, session->requester_id).bind(3, session->template_id).bind(4, name);
      s.bind(5, request.token_hash).bind(6, request.now).bind(7, request.now);
      return s.run();
    };
    if (!insert()) {
      // The name slots disagree with the table (they never should): reload them and try once more.
      forget_names(session->org_id);
      name = free_name(session->org_id, base_name);
      if (!insert()) throw StoreError("device insert collided");
    }
    device_id = db_.last_insert_id();
    new_name = std::move(name);
  }
  Stmt done(db_, "UPDATE provisioning_sessions SET state = 'activated', device_id = ? WHERE id = ?");
  done.bind(1, device_id).bind(2, session->id).run();
  add_event_locked(device_id,
                   TimelineEvent{request.now, "activated", "activated", request.event_description});
  if (request.warn_missing_template) {
    add_event_locked(device_id, TimelineEvent{request.now, "warning", "no_template",
                                              "the device did not report a template id; activated with " +
                                                  session->template_id});
  }
  auto device = device_where("WHERE id = ?", [&](Stmt& s) { s.bind(1, device_id); });
  tx.commit();
  // Only once committed: a rolled-back insert must not leave its name marked taken.
  if (new_name) name_taken(session->org_id, *new_name);
  out.kind = ActivationOutcome::Kind::Activated;
  out.state = ProvisioningState::Activated;
  out.device = *device;
  return out;
}

LoginLookup SqliteStore::look_up_login(const std::string& token_hash, Millis now) {
  std::lock_guard lock(mutex_);
  LoginLookup out;
  // Most logins are devices reconnecting: a read, no write lock.
  out.device = device_where("WHERE token_hash = ?", [&](Stmt& s) { s.bind(1, token_hash); });
  if (out.device) {
    if (out.device->replaced_token_valid) {
      // A new connection with the token a reconfigure gave: the device saved it, so the
      // token it replaced is done.
      Stmt s(db_, "UPDATE devices SET previous_token_hash = NULL WHERE id = ?");
      s.bind(1, out.device->id).run();
      out.device->replaced_token_valid = false;
    }
    return out;
  }
  if (auto back = device_where("WHERE previous_token_hash = ?", [&](Stmt& s) { s.bind(1, token_hash); })) {
    // The device came back with the token a reconfigure replaced: it was cut off before it
    // saved its new configuration and is on its old one. Its old token is its token again.
    Transaction tx(db_);
    Stmt s(db_,
           "UPDATE devices SET token_hash = previous_token_hash, previous_token_hash = NULL WHERE id = ?");
    s.bind(1, back->id).run();
    add_event_locked(back->id, TimelineEvent{now, "warning", "reconfigure_rolled_back",
                                             "the device came back with its previous token: it had not saved "
                                             "the new configuration"});
    tx.commit();
    back->token_hash = token_hash;
    back->replaced_token_valid = false;
    out.device = std::move(back);
    return out;
  }
  // A provisioning token: read and move it in one transaction (they used to
  // be three store calls, each its own transaction, per activation).
  Transaction tx(db_);
  out.session = session_where("WHERE token_hash = ?", [&](Stmt& s) { s.bind(1, token_hash); });
  if (!out.session) return out;
  auto& session = *out.session;
  const char* to = nullptr;
  if (session.state == ProvisioningState::Pending || session.state == ProvisioningState::Connected) {
    if (session.expires_at <= now) {
      to = "expired";
      session.state = ProvisioningState::Expired;
    } else if (session.state == ProvisioningState::Pending) {
      to = "connected";
      session.state = ProvisioningState::Connected;
    }
  }
  if (to != nullptr) {
    Stmt s(db_, "UPDATE provisioning_sessions SET state = ?, reason = '' WHERE id = ?");
    s.bind(1, std::string_view(to)).bind(2, session.id).run();
    session.reason.clear();
  }
  tx.commit();
  return out;
}

std::map<std::string, long> SqliteStore::count_provisioning_by_state() {
  std::lock_guard lock(mutex_);
  std::map<std::string, long> out;
  for (auto s : {ProvisioningState::Pending, ProvisioningState::Connected, ProvisioningState::Activated,
                 ProvisioningState::Failed, ProvisioningState::Expired}) {
    out[std::string(to_string(s))] = 0;
  }
  Stmt s(db_, "SELECT state, COUNT(*) FROM provisioning_sessions GROUP BY state");
  while (s.step()) out[s.text(0)] = static_cast<long>(s.int64(1));
  return out;
}

}  // namespace onboard::cloud::sqlite
