// Associations: join, leave, a board's AP, and the router's power.
#include "net/command.hpp"
#include "net/links.hpp"
#include "net/namespaces.hpp"
#include "net/qemu_wire.hpp"
#include "radio/rules.hpp"
#include "world/addresses.hpp"
#include "world/world.hpp"

namespace onboard::air {

Reply World::join(const std::string& name, const std::string& ssid, const std::string& password) {
  Reply reply;
  Host* host = station(name, &reply);
  if (host == nullptr) return reply;
  if (auto reason = check_ssid(ssid)) return Reply::error(*reason, "an SSID is 1 to 32 bytes");
  std::string key = password;
  JoinDecision decision = decide_join(all_aps(), host->bands(), host->name, ssid, key);
  if (decision.ap == nullptr && key.empty() && host->saved_passwords.count(ssid) != 0) {
    key = host->saved_passwords[ssid];
    decision = decide_join(all_aps(), host->bands(), host->name, ssid, key);
  }
  if (decision.ap == nullptr) return Reply::error(decision.reason);
  const AccessPoint ap = *decision.ap;

  // One network at a time: joining another leaves the previous one.
  drop_link(*host, std::nullopt);

  Link link;
  link.ssid = ap.ssid;
  link.bssid = ap.bssid;
  link.network = ap.owner;
  link.channel = ap.channel;
  link.rssi = ap.rssi;
  link.band = ap.band;
  link.ap_if = "st" + std::to_string(next_link_id_++);
  std::optional<std::string> address;
  std::string bridge;
  if (ap.owner == "router") {
    link.ap_ns = run_dir_.ns_name("router");
    link.gateway = kHomeGateway;
    bridge = kLanBridge;
    address = home_pool_.lease(host->name);
    if (!address) {
      // Found by the soak: hundreds of boards came and went, each kept its lease for the
      // life of the world, and the 151 home addresses ran out. Reuse those of hosts not on
      // the home network now.
      home_pool_.reclaim([this](const std::string& holder) {
        const Host* h = find(holder);
        return h == nullptr || !h->link || h->link->network != "router";
      });
      address = home_pool_.lease(host->name);
    }
  } else {
    Host* owner = find(ap.owner);
    link.ap_ns = owner->ns;
    link.gateway = kBoardApAddress;
    bridge = kBoardApBridge;
    address = owner->board->ap_pool.lease(host->name);
  }
  if (!address) return Reply::error(Reason::internal, "no free address on " + ap.ssid);
  link.ip = *address;

  std::string error;
  const StationWire wire{link.ap_ns, link.ap_if, bridge, host->ns, host->mac, link.ip + "/24", link.gateway};
  const bool qemu_station = host->board && host->board->is_qemu();
  const bool wired =
      qemu_station ? connect_bridged_station(link.ap_ns, link.ap_if, bridge, host->ns, kBoardApBridge, &error)
                   : connect_station(wire, &error);
  if (!wired) return Reply::error(Reason::internal, error);
  // A QEMU board's AP: its stations reach only the firmware's tap, never each other's link.
  if (const Host* owner = find(ap.owner); owner != nullptr && owner->board && owner->board->is_qemu() &&
                                          !isolate_port(link.ap_ns, link.ap_if, &error)) {
    disconnect_station(host->ns);
    return Reply::error(Reason::internal, error);
  }
  host->link = link;
  write_resolv_conf(host->ns, link.gateway);
  if (host->kind == HostKind::phone && !key.empty()) host->saved_passwords[ssid] = key;
  if (host->kind == HostKind::phone) after_phone_join(*host);

  // One radio, one channel: the board's AP follows its station (field pain 5).
  if (host->board && host->board->ap) {
    const ApChannelMove move =
        ap_channel_after_join(host->board->ap->channel, link.channel, options_.follow_channel);
    if (move.drop_stations) {
      const std::string board = host->name;
      drop_stations([&](const Link& l) { return l.network == board; }, Reason::channel_switch);
    }
    host->board->ap->channel = move.channel;
  }
  if (host->board) serial_note(host->name, "joined \"" + link.ssid + "\" as " + link.ip);

  return reply.add("ssid", link.ssid)
      .add("bssid", link.bssid)
      .add("ip", link.ip)
      .add("mask", 24)
      .add("gw", link.gateway)
      .add("dns", link.gateway)
      .add("ch", link.channel)
      .add("rssi", link.rssi)
      .add("band", std::string(to_string(link.band)));
}

Reply World::leave(const std::string& name, std::optional<Reason> push_reason,
                   const std::optional<std::string>& only_from) {
  Reply reply;
  Host* host = station(name, &reply);
  if (host == nullptr) return reply;
  if (!host->link) return Reply::error(Reason::not_joined);
  if (only_from && host->link->ssid != *only_from)
    return Reply::error(Reason::not_joined, "on '" + host->link->ssid + "', not '" + *only_from + "'");
  drop_link(*host, push_reason);
  return reply;
}

void World::drop_link(Host& host, std::optional<Reason> reason) {
  if (!host.link) return;
  const Link link = *host.link;
  host.link.reset();
  host.link_up_at.reset();
  host.leave_at.reset();
  host.kick_due = false;
  disconnect_station(host.ns);
  write_resolv_conf(host.ns, kNoNameserver);
  if (reason) {
    push_(host.name,
          make_line("link_lost", {{"reason", std::string(to_string(*reason))}, {"ssid", link.ssid}}));
    if (host.board)
      serial_note(host.name, "link to \"" + link.ssid + "\" lost: " + std::string(to_string(*reason)));
  }
}

void World::drop_stations(const std::function<bool(const Link&)>& match, Reason reason) {
  for (auto& [name, host] : hosts_) {
    if (host->link && match(*host->link)) drop_link(*host, reason);
  }
}

Reply World::ap_start(const std::string& name, const std::string& ssid, int channel) {
  Reply reply;
  Host* host = board_host(name, &reply);
  if (host == nullptr) return reply;
  Board& board = *host->board;
  if (!board.power) return Reply::error(Reason::powered_off, name);
  if (auto reason = check_ssid(ssid)) return Reply::error(*reason, "an SSID is 1 to 32 bytes");
  if (channel != 0 && !is_valid_channel(Band::ghz2_4, channel)) {
    return Reply::error(Reason::bad_channel, "a board's AP is on 2.4 GHz channels 1-13");
  }
  if (board.ap && board.ap->ssid != ssid) {
    drop_stations([&](const Link& l) { return l.network == name; }, Reason::ap_gone);
  }
  if (!board.ap) {
    std::string error;
    // A QEMU board's bridge is its wire, made at power on; the firmware answers at 192.168.4.1.
    if (!board.is_qemu()) {
      ip_in(host->ns, {"link", "del", kBoardApBridge}, &error);
      if (!make_bridge(host->ns, kBoardApBridge, kBoardApCidr, &error))
        return Reply::error(Reason::internal, error);
    }
    AccessPoint ap;
    ap.band = Band::ghz2_4;
    ap.rssi = -40;
    ap.owner = name;
    ap.bssid = make_mac(0x2600000000ULL | (std::stoull(board.chip_id, nullptr, 16) & 0xFFFFFFFFULL));
    ap.channel = ap_start_channel(channel, host->link ? host->link->channel : 0, options_.follow_channel);
    board.ap = ap;
    serial_note(name, "AP \"" + ssid + "\" on channel " + std::to_string(ap.channel));
  }
  board.ap->ssid = ssid;
  return reply.add("ssid", ssid)
      .add("ip", kBoardApAddress)
      .add("mask", 24)
      .add("ch", board.ap->channel)
      .add("bssid", board.ap->bssid);
}

Reply World::ap_stop(const std::string& name, Reason reason) {
  Reply reply;
  Host* host = board_host(name, &reply);
  if (host == nullptr) return reply;
  Board& board = *host->board;
  if (!board.ap) return reply;
  drop_stations([&](const Link& l) { return l.network == name; }, reason);
  board.ap.reset();
  std::string error;
  if (!board.is_qemu()) ip_in(host->ns, {"link", "del", kBoardApBridge}, &error);
  return reply;
}

Reply World::switch_channel(const std::string& ssid, int channel, bool drop) {
  AccessPoint* moved = nullptr;
  for (auto& ap : home_aps_) {
    if (ap->ssid == ssid && ap->band == Band::ghz2_4) moved = ap.get();
  }
  if (moved == nullptr) return Reply::error(Reason::network_not_found, ssid + " (2.4 GHz)");
  if (!is_valid_channel(moved->band, channel))
    return Reply::error(Reason::bad_channel, std::to_string(channel));
  const int from = moved->channel;
  moved->channel = channel;
  const std::string bssid = moved->bssid;
  if (drop) {
    drop_stations([&](const Link& l) { return l.bssid == bssid; }, Reason::channel_switch);
  } else {
    for (auto& [name, host] : hosts_) {
      if (!host->link || host->link->bssid != bssid) continue;
      host->link->channel = channel;
      if (!host->board) continue;
      serial_note(name, "\"" + ssid + "\" moved from channel " + std::to_string(from) + " to " +
                            std::to_string(channel));
      if (host->board->ap && options_.follow_channel && host->board->ap->channel != channel) {
        drop_stations([&](const Link& l) { return l.network == name; }, Reason::channel_switch);
        host->board->ap->channel = channel;
        serial_note(name, "AP \"" + host->board->ap->ssid + "\" on channel " + std::to_string(channel));
      }
    }
  }
  return Reply().add("ssid", ssid).add("from", from).add("ch", channel);
}

Reply World::router(bool on) {
  std::string error;
  const std::string ns = run_dir_.ns_name("router");
  router_on_ = on;
  for (auto& ap : home_aps_) ap->on = on;
  if (!on) drop_stations([](const Link& l) { return l.network == "router"; }, Reason::router_off);
  if (!ip_in(ns, {"link", "set", kLanBridge, on ? "up" : "down"}, &error)) {
    return Reply::error(Reason::internal, error);
  }
  return Reply().add("router", on ? "on" : "off");
}

Reply World::internet(bool on) {
  std::string error;
  const std::string ns = run_dir_.ns_name("router");
  if (!ip_in(ns, {"link", "set", kWanIf, on ? "up" : "down"}, &error))
    return Reply::error(Reason::internal, error);
  // Taking the link down removed the route through it.
  if (on && !ip_in(ns, {"route", "replace", "default", "via", kInternetAddress}, &error)) {
    return Reply::error(Reason::internal, error);
  }
  internet_on_ = on;
  return Reply().add("internet", on ? "on" : "off");
}

}  // namespace onboard::air
