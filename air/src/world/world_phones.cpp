// Phones that behave like phones in the field (pain 8): slow to get traffic back home, leaving
// an AP without internet by themselves, and asking the wrong resolver while on one.
#include "net/command.hpp"
#include "net/namespaces.hpp"
#include "world/addresses.hpp"
#include "world/world.hpp"

namespace onboard::air {
namespace {

// The home network's resolver, which a phone on a board's AP cannot reach.
constexpr const char* kHomeResolver = kHomeGateway;

}  // namespace

Reply World::set_phone(const std::string& name, const PhoneBehaviour& behaviour) {
  Host* host = find(name);
  if (host == nullptr) return Reply::error(Reason::no_such_host, name);
  if (host->kind != HostKind::phone) return Reply::error(Reason::wrong_role, name + " is not a phone");
  host->behaviour = behaviour;
  host->ap_kicks = 0;
  return Reply()
      .add("slow_rejoin_ms", static_cast<long long>(behaviour.slow_rejoin.count()))
      .add("leave_no_internet_ms", static_cast<long long>(behaviour.leave_no_internet.count()))
      .add("dns_elsewhere", behaviour.dns_elsewhere ? "1" : "0")
      .add("kicked_from_ap", static_cast<long long>(behaviour.kicked_from_ap));
}

void World::after_phone_join(Host& host) {
  const Link& link = *host.link;
  const PhoneBehaviour& b = host.behaviour;
  const auto now = std::chrono::steady_clock::now();
  if (link.network == "router") {
    host.last_home_ssid = link.ssid;
    if (b.slow_rejoin.count() > 0) {
      // The association stands, but nothing passes until the timer: the AP's end is down.
      std::string error;
      ip_in(link.ap_ns, {"link", "set", link.ap_if, "down"}, &error);
      host.link_up_at = now + b.slow_rejoin;
    }
    return;
  }
  if (b.dns_elsewhere) write_resolv_conf(host.ns, kHomeResolver);
  if (Host* board = find(link.network); board != nullptr && board->board && board->board->cycle_on_join) {
    board->board->cycle_on_join = false;
    board->board->cycle_due = true;
  }
  if (b.leave_no_internet.count() > 0) host.leave_at = now + b.leave_no_internet;
  if (host.ap_kicks < b.kicked_from_ap) host.kick_due = true;
}

void World::phone_timers(std::chrono::steady_clock::time_point now) {
  for (auto& [name, host] : hosts_) {
    if (host->kind != HostKind::phone || !host->link) continue;
    if (host->link_up_at && *host->link_up_at <= now) {
      host->link_up_at.reset();
      std::string error;
      ip_in(host->link->ap_ns, {"link", "set", host->link->ap_if, "up"}, &error);
    }
    if (host->kick_due) {
      ++host->ap_kicks;
      drop_link(*host, Reason::kicked);  // and it stays off, as after `onboard-air leave`
      continue;
    }
    if (host->leave_at && *host->leave_at <= now) {
      host->leave_at.reset();
      drop_link(*host, Reason::no_internet);
      // Back to the last network with internet, with its saved password, like a phone does.
      if (!host->last_home_ssid.empty()) join(name, host->last_home_ssid, "");
    }
  }
}

void World::next_phone_deadline(std::optional<std::chrono::steady_clock::time_point>& next) const {
  for (const auto& [name, host] : hosts_) {
    if (host->kick_due && host->link) next = std::chrono::steady_clock::now();  // at once
    for (const auto& at : {host->link_up_at, host->leave_at}) {
      if (at && (!next || *at < *next)) next = at;
    }
  }
}

}  // namespace onboard::air
