#include "world/world.hpp"

#include <filesystem>
#include <random>

#include "net/command.hpp"
#include "net/links.hpp"
#include "net/namespaces.hpp"
#include "onboard/protocol/air/limits.hpp"
#include "radio/rules.hpp"
#include "world/addresses.hpp"

namespace onboard::air {
namespace fs = std::filesystem;

const char* to_string(HostKind kind) {
  switch (kind) {
    case HostKind::internet: return "internet";
    case HostKind::router: return "router";
    case HostKind::phone: return "phone";
    case HostKind::board: return "board";
  }
  return "unknown";
}

World::World(RunDir run_dir, WorldOptions options, Push push)
    : run_dir_(std::move(run_dir)),
      options_(options),
      push_(std::move(push)),
      home_pool_(kHomePrefix, kHomeFirstLease, kHomeLastLease) {}

bool World::add_host(const std::string& name, HostKind kind, std::string* error) {
  const std::string ns = run_dir_.ns_name(name);
  run_dir_.record_namespace(ns);
  if (!add_namespace(ns, error)) return false;
  auto host = std::make_unique<Host>();
  host->name = name;
  host->kind = kind;
  host->ns = ns;
  std::uint64_t seed = 0xA1000000ULL + hosts_.size();
  for (char c : name) seed = seed * 31 + static_cast<unsigned char>(c);
  host->mac = make_mac(seed & 0xFFFFFFFFFFULL);
  if (host->is_station()) write_resolv_conf(ns, kNoNameserver);
  hosts_[name] = std::move(host);
  return true;
}

bool World::create(std::string* error) {
  if (!add_host("internet", HostKind::internet, error) || !add_host("router", HostKind::router, error)) {
    return false;
  }
  const std::string inet = run_dir_.ns_name("internet");
  const std::string router = run_dir_.ns_name("router");
  return make_wire(router, kWanIf, kRouterWanCidr, inet, kInternetIf, kInternetCidr, error) &&
         make_bridge(router, kLanBridge, kHomeGatewayCidr, error) &&
         set_sysctl(router, "net/ipv4/ip_forward", "1", error) &&
         ip_in(router, {"route", "replace", "default", "via", kInternetAddress}, error) &&
         ip_in(inet, {"route", "replace", kPrivateRange, "via", kRouterWanAddress}, error);
}

void World::destroy() {
  for (auto& [name, host] : hosts_) {
    if (host->board && host->board->power) stop_board(*host);
  }
  for (auto& [name, host] : hosts_) delete_namespace(host->ns);
  // Anything else of ours (a host that failed half-way).
  for (const auto& ns : list_namespaces(run_dir_.prefix() + "-")) delete_namespace(ns);
  std::error_code ec;
  fs::remove(run_dir_.namespaces_file(), ec);
  hosts_.clear();
  home_aps_.clear();
}

Host* World::find(const std::string& name) {
  auto it = hosts_.find(name);
  return it == hosts_.end() ? nullptr : it->second.get();
}

Host* World::station(const std::string& name, Reply* error) {
  Host* host = find(name);
  if (host == nullptr) {
    *error = Reply::error(Reason::no_such_host, name);
    return nullptr;
  }
  if (!host->is_station()) {
    *error = Reply::error(Reason::wrong_role, name + " has no Wi-Fi radio");
    return nullptr;
  }
  if (host->board && !host->board->power) {
    *error = Reply::error(Reason::powered_off, name);
    return nullptr;
  }
  return host;
}

Host* World::board_host(const std::string& name, Reply* error) {
  Host* host = find(name);
  if (host == nullptr) {
    *error = Reply::error(Reason::no_such_host, name);
    return nullptr;
  }
  if (!host->board) {
    *error = Reply::error(Reason::wrong_role, name + " is not a board");
    return nullptr;
  }
  return host;
}

std::vector<const AccessPoint*> World::all_aps() const {
  std::vector<const AccessPoint*> aps;
  for (const auto& ap : home_aps_) aps.push_back(ap.get());
  for (const auto& [name, host] : hosts_) {
    if (host->board && host->board->power && host->board->ap) aps.push_back(&*host->board->ap);
  }
  return aps;
}

Reply World::add_ap(const ApSpec& spec) {
  if (auto reason = check_ssid(spec.ssid)) return Reply::error(*reason, "an SSID is 1 to 32 bytes");
  if (auto reason = check_password(spec.password)) {
    return Reply::error(*reason, "WPA2 needs 8 to 63 characters or 64 hex digits");
  }
  const int channel = spec.channel == 0 ? default_channel(spec.band) : spec.channel;
  if (!is_valid_channel(spec.band, channel))
    return Reply::error(Reason::bad_channel, std::to_string(channel));
  if (spec.rssi > 0 || spec.rssi < -127) return Reply::error(Reason::bad_request, "rssi is -127..0 dBm");
  for (const auto& ap : home_aps_) {
    if (ap->ssid == spec.ssid && ap->band == spec.band) return Reply::error(Reason::exists, spec.ssid);
  }
  auto ap = std::make_unique<AccessPoint>();
  ap->ssid = spec.ssid;
  ap->password = spec.password;
  ap->band = spec.band;
  ap->channel = channel;
  ap->rssi = spec.rssi;
  ap->bssid = make_mac(0x0001000100ULL + static_cast<unsigned>(next_ap_id_++));
  ap->owner = "router";
  ap->on = router_on_;
  Reply reply;
  reply.add("bssid", ap->bssid).add("ch", channel).add("band", std::string(to_string(spec.band)));
  home_aps_.push_back(std::move(ap));
  return reply;
}

Reply World::remove_ap(const std::string& ssid) {
  bool found = false;
  for (auto it = home_aps_.begin(); it != home_aps_.end();) {
    if ((*it)->ssid == ssid) {
      const std::string bssid = (*it)->bssid;
      drop_stations([&](const Link& link) { return link.bssid == bssid; }, Reason::ap_gone);
      it = home_aps_.erase(it);
      found = true;
    } else {
      ++it;
    }
  }
  return found ? Reply() : Reply::error(Reason::network_not_found, ssid);
}

Reply World::add_phone(const std::string& name) {
  if (!is_valid_host_name(name))
    return Reply::error(Reason::bad_request, "a name is 1-24 of A-Z a-z 0-9 _ -");
  if (find(name) != nullptr) return Reply::error(Reason::exists, name);
  std::string error;
  if (!add_host(name, HostKind::phone, &error)) return Reply::error(Reason::internal, error);
  return Reply().add("ns", find(name)->ns);
}

Reply World::add_board(const std::string& name, std::string chip_id, std::vector<std::string> command,
                       std::string cwd, std::string qemu_image) {
  if (!is_valid_host_name(name))
    return Reply::error(Reason::bad_request, "a name is 1-24 of A-Z a-z 0-9 _ -");
  if (find(name) != nullptr) return Reply::error(Reason::exists, name);
  if (command.empty() && qemu_image.empty())
    return Reply::error(Reason::bad_request, "a board needs a command or a --qemu image");
  if (chip_id.empty()) {
    std::random_device random;
    char text[16];
    std::snprintf(text, sizeof text, "%08x", random());
    chip_id = text;
  }
  if (chip_id.size() > 16 || chip_id.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
    return Reply::error(Reason::bad_request, "the chip id is 1-16 hex digits");
  }
  std::string error;
  if (!add_host(name, HostKind::board, &error)) return Reply::error(Reason::internal, error);
  Host& host = *find(name);
  host.board.emplace();
  host.board->chip_id = chip_id;
  host.board->command = std::move(command);
  host.board->cwd = std::move(cwd);
  host.board->qemu_image = std::move(qemu_image);
  std::uint64_t seed = std::stoull(chip_id, nullptr, 16);
  host.mac = make_mac(0x2400000000ULL | (seed & 0xFFFFFFFFULL));
  std::error_code ec;
  fs::create_directories(run_dir_.storage(name), ec);
  start_board(host);
  return Reply()
      .add("chip_id", chip_id)
      .add("ns", host.ns)
      .add("storage", run_dir_.storage(name).string())
      .add("log", run_dir_.serial_log(name).string());
}

Reply World::scan(const std::string& name) {
  Reply reply;
  Host* host = station(name, &reply);
  if (host == nullptr) return reply;
  const auto heard = onboard::air::scan(all_aps(), host->bands(), host->name);
  for (const AccessPoint* ap : heard) {
    reply.data.push_back(make_line("ap", {{"ssid", ap->ssid},
                                          {"bssid", ap->bssid},
                                          {"rssi", std::to_string(ap->rssi)},
                                          {"sec", std::string(to_string(ap->security()))},
                                          {"ch", std::to_string(ap->channel)},
                                          {"band", std::string(to_string(ap->band))}}));
  }
  return reply.add("count", static_cast<long long>(heard.size()));
}

Reply World::status(const std::string& name) {
  Reply reply;
  Host* host = station(name, &reply);
  if (host == nullptr) return reply;
  if (host->link) {
    const Link& l = *host->link;
    reply.add("link", "up")
        .add("ssid", l.ssid)
        .add("bssid", l.bssid)
        .add("ip", l.ip)
        .add("mask", 24)
        .add("gw", l.gateway)
        .add("dns", l.gateway)
        .add("ch", l.channel)
        .add("rssi", l.rssi);
  } else {
    reply.add("link", "down");
  }
  reply.add("mac", host->mac);
  if (host->board) {
    const auto& ap = host->board->ap;
    reply.add("ap", ap ? "on" : "off");
    if (ap) {
      long long stations = 0;
      for (const auto& [n, h] : hosts_) stations += (h->link && h->link->network == name) ? 1 : 0;
      reply.add("ap_ssid", ap->ssid)
          .add("ap_ip", kBoardApAddress)
          .add("ap_ch", ap->channel)
          .add("ap_stations", stations);
    }
  }
  return reply;
}

Reply World::hello(const std::string& name, Role role) {
  Host* host = find(name);
  if (host == nullptr) return Reply::error(Reason::no_such_host, name);
  const HostKind want = role == Role::board ? HostKind::board : HostKind::phone;
  if (host->kind != want) return Reply::error(Reason::wrong_role, name + " is a " + to_string(host->kind));
  Reply reply;
  reply.add("host", name).add("role", std::string(to_string(role))).add("mac", host->mac);
  if (host->board) {
    reply.add("chip_id", host->board->chip_id).add("button", host->board->button_down ? "down" : "up");
  }
  return reply;
}

Reply World::info(const std::string& name) {
  Host* host = find(name);
  if (host == nullptr) return Reply::error(Reason::no_such_host, name);
  return Reply()
      .add("host", name)
      .add("kind", to_string(host->kind))
      .add("ns", host->ns)
      .add("socket", run_dir_.socket().string());
}

}  // namespace onboard::air
