// The world as JSON: "onboard-air status --json" and "onboard-air led".
#include <algorithm>
#include <cstdio>

#include "world/addresses.hpp"
#include "world/world.hpp"

namespace onboard::air {
namespace {

nlohmann::json led_json(const Board& board) {
  auto number = [&](const char* key) {
    auto it = board.led.find(key);
    if (it == board.led.end()) return 0;
    try {
      return std::clamp(std::stoi(it->second), 0, 255);
    } catch (const std::exception&) {
      return 0;
    }
  };
  auto text = [&](const char* key, const char* fallback) {
    auto it = board.led.find(key);
    return it == board.led.end() ? std::string(fallback) : it->second;
  };
  char colour[8];
  std::snprintf(colour, sizeof colour, "#%02x%02x%02x", number("r"), number("g"), number("b"));
  nlohmann::json j;
  j["power"] = board.power ? "on" : "off";
  j["state"] = text("state", board.power ? "unknown" : "off");
  j["colour"] = colour;
  j["pattern"] = text("pattern", "off");
  j["level"] = number("level");
  j["reported"] = !board.led.empty();
  return j;
}

nlohmann::json ap_json(const AccessPoint& ap) {
  return {{"ssid", ap.ssid},       {"bssid", ap.bssid}, {"band", to_string(ap.band)},
          {"channel", ap.channel}, {"rssi", ap.rssi},   {"security", to_string(ap.security())},
          {"owner", ap.owner},     {"on", ap.on}};
}

}  // namespace

Reply World::led(const std::string& name) {
  Reply reply;
  Host* host = board_host(name, &reply);
  if (host == nullptr) return reply;
  return reply.add("json",
                   led_json(*host->board).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

nlohmann::json World::status_json() const {
  nlohmann::json j;
  j["run_dir"] = run_dir_.dir().string();
  j["socket"] = run_dir_.socket().string();
  j["prefix"] = run_dir_.prefix();
  j["router"] = {{"on", router_on_},
                 {"lan", kHomeGatewayCidr},
                 {"wan", kRouterWanCidr},
                 {"ns", run_dir_.ns_name("router")}};
  j["internet"] = {{"on", internet_on_}, {"address", kInternetAddress}, {"ns", run_dir_.ns_name("internet")}};
  j["aps"] = nlohmann::json::array();
  for (const auto& ap : home_aps_) j["aps"].push_back(ap_json(*ap));
  j["hosts"] = nlohmann::json::array();
  j["links"] = nlohmann::json::array();
  for (const auto& [name, host] : hosts_) {
    nlohmann::json h = {{"name", name}, {"kind", to_string(host->kind)}, {"ns", host->ns}};
    if (host->is_station()) h["mac"] = host->mac;
    if (host->kind == HostKind::phone) h["ap_kicks"] = host->ap_kicks;
    if (host->link) {
      const Link& l = *host->link;
      nlohmann::json link = {
          {"host", name}, {"ssid", l.ssid},       {"bssid", l.bssid},     {"network", l.network},
          {"ip", l.ip},   {"gateway", l.gateway}, {"channel", l.channel}, {"band", to_string(l.band)}};
      h["link"] = link;
      j["links"].push_back(link);
    } else if (host->is_station()) {
      h["link"] = nullptr;
    }
    if (host->board) {
      const Board& b = *host->board;
      h["chip_id"] = b.chip_id;
      h["power"] = b.power ? "on" : "off";
      h["running"] = b.pid > 0;
      h["pid"] = b.pid;
      if (!b.last_exit_text.empty()) h["last_exit"] = b.last_exit_text;
      h["button"] = b.button_down ? "down" : "up";
      h["join_cycles"] = b.join_cycles;
      h["led"] = led_json(b);
      h["ap"] = b.ap ? ap_json(*b.ap) : nlohmann::json(nullptr);
      if (b.ap) h["ap"]["address"] = kBoardApAddress;
      h["storage"] = run_dir_.storage(name).string();
      h["serial_log"] = run_dir_.serial_log(name).string();
    }
    j["hosts"].push_back(h);
  }
  return j;
}

}  // namespace onboard::air
