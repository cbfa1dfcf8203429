// From a request line to the world and back: every verb of the control socket.
#include <unistd.h>

#include "daemon/server.hpp"

namespace onboard::air {
namespace {

bool parse_on_off(const std::string& text, bool* on) {
  if (text == "on") {
    *on = true;
  } else if (text == "off") {
    *on = false;
  } else {
    return false;
  }
  return true;
}

int int_field(const ParsedLine& request, const std::string& key, int fallback, bool* ok) {
  if (!request.has(key)) return fallback;
  try {
    std::size_t used = 0;
    const int value = std::stoi(request.get(key), &used);
    if (used == request.get(key).size()) return value;
  } catch (const std::exception&) {
  }
  *ok = false;
  return fallback;
}

}  // namespace

Reply Server::handle(Connection& conn, const ParsedLine& request) {
  const std::string& verb = request.verb;
  if (verb == "ping") return Reply().add("prefix", run_dir_.prefix());
  if (verb == "hello") {
    Role role{};
    if (!parse(request.get("role"), &role)) return Reply::error(Reason::bad_request, "role=board|phone");
    Reply reply = world_.hello(request.get("host"), role);
    if (reply.ok()) conn.host = request.get("host");
    return reply;
  }
  if (verb == "scan" || verb == "join" || verb == "leave" || verb == "status" || verb == "ap_start" ||
      verb == "ap_stop" || verb == "led") {
    return handle_station(conn, request);
  }
  if (verb == "shutdown") {
    stopping_ = true;
    world_.destroy();
    unlink(run_dir_.socket().c_str());
    return Reply();
  }
  return handle_control(request);
}

// Verbs a board or phone sends about itself (after hello), or the CLI sends
// about a host with host=NAME.
Reply Server::handle_station(Connection& conn, const ParsedLine& request) {
  const std::string& verb = request.verb;
  const std::string host = request.get("host", conn.host);
  if (host.empty()) return Reply::error(Reason::not_registered, "send hello first, or host=NAME");
  if (verb == "scan") return world_.scan(host);
  if (verb == "status") return world_.status(host);
  if (verb == "join") {
    if (!request.has("ssid")) return Reply::error(Reason::bad_request, "ssid= is required");
    return world_.join(host, request.get("ssid"), request.get("pass"));
  }
  if (verb == "leave") {
    // A host that leaves by itself needs no news; one removed from outside does.
    const bool by_itself = host == conn.host;
    std::optional<std::string> only_from;
    if (request.has("from")) only_from = request.get("from");
    return world_.leave(host, by_itself ? std::nullopt : std::optional<Reason>(Reason::kicked), only_from);
  }
  if (verb == "ap_start") {
    bool ok = true;
    const int channel = int_field(request, "ch", 0, &ok);
    if (!ok || !request.has("ssid")) return Reply::error(Reason::bad_request, "ssid= [ch=]");
    return world_.ap_start(host, request.get("ssid"), channel);
  }
  if (verb == "ap_stop") return world_.ap_stop(host);
  FieldList fields(request.fields.begin(), request.fields.end());
  return world_.set_led(host, fields);
}

// Verbs of the onboard-air CLI.
Reply Server::handle_control(const ParsedLine& request) {
  const std::string& verb = request.verb;
  bool ok = true;
  if (verb == "ap_add") {
    ApSpec spec;
    spec.ssid = request.get("ssid");
    spec.password = request.get("pass");
    if (request.has("band") && !parse(request.get("band"), &spec.band)) {
      return Reply::error(Reason::bad_request, "band=2.4|5");
    }
    spec.channel = int_field(request, "ch", 0, &ok);
    spec.rssi = int_field(request, "rssi", -50, &ok);
    if (!ok) return Reply::error(Reason::bad_request, "ch= and rssi= are integers");
    return world_.add_ap(spec);
  }
  if (verb == "ap_del") return world_.remove_ap(request.get("ssid"));
  if (verb == "ap_channel") {
    const int channel = int_field(request, "ch", 0, &ok);
    if (!ok || !request.has("ch")) return Reply::error(Reason::bad_request, "ssid= ch= [drop=1]");
    return world_.switch_channel(request.get("ssid"), channel, request.get("drop") == "1");
  }
  if (verb == "phone_add") return world_.add_phone(request.get("name"));
  if (verb == "phone_set") {
    PhoneBehaviour b;
    bool ok_slow = true;
    bool ok_leave = true;
    b.slow_rejoin = std::chrono::milliseconds(int_field(request, "slow_rejoin_ms", 0, &ok_slow));
    b.leave_no_internet = std::chrono::milliseconds(int_field(request, "leave_no_internet_ms", 0, &ok_leave));
    b.dns_elsewhere = request.get("dns_elsewhere") == "1";
    bool ok_kicks = true;
    b.kicked_from_ap = int_field(request, "kicked_from_ap", 0, &ok_kicks);
    if (!ok_slow || !ok_leave || b.slow_rejoin.count() < 0 || b.leave_no_internet.count() < 0)
      return Reply::error(Reason::bad_request, "slow_rejoin_ms= and leave_no_internet_ms= are milliseconds");
    if (!ok_kicks || b.kicked_from_ap < 0)
      return Reply::error(Reason::bad_request, "kicked_from_ap= is a count");
    return world_.set_phone(request.get("name"), b);
  }
  if (verb == "board_add") {
    // argv travels as one value, its arguments separated by NUL bytes.
    std::vector<std::string> command;
    const std::string cmd = request.get("cmd");
    std::size_t start = 0;
    while (!cmd.empty() && start <= cmd.size()) {
      const std::size_t nul = cmd.find('\0', start);
      command.push_back(cmd.substr(start, nul == std::string::npos ? std::string::npos : nul - start));
      if (nul == std::string::npos) break;
      start = nul + 1;
    }
    return world_.add_board(request.get("name"), request.get("chip_id"), command, request.get("cwd"),
                            request.get("qemu"));
  }
  if (verb == "power") {
    const std::string state = request.get("state");
    PowerAction action{};
    if (state == "on") {
      action = PowerAction::on;
    } else if (state == "off") {
      action = PowerAction::off;
    } else if (state == "cycle") {
      action = PowerAction::cycle;
    } else if (state == "cycle-on-join") {
      action = PowerAction::cycle_on_join;
    } else {
      return Reply::error(Reason::bad_request, "state=on|off|cycle|cycle-on-join");
    }
    return world_.power(request.get("name"), action);
  }
  if (verb == "button") {
    const std::string action = request.get("action");
    double seconds = 0;
    try {
      if (request.has("secs")) seconds = std::stod(request.get("secs"));
    } catch (const std::exception&) {
      return Reply::error(Reason::bad_request, "secs= is a number");
    }
    if (action == "press") return world_.button(request.get("name"), ButtonAction::press, 0);
    if (action == "hold") return world_.button(request.get("name"), ButtonAction::hold, seconds);
    if (action == "release") return world_.button(request.get("name"), ButtonAction::release, 0);
    return Reply::error(Reason::bad_request, "action=press|hold|release");
  }
  if (verb == "led_get") return world_.led(request.get("name"));
  if (verb == "router" || verb == "internet") {
    bool on = false;
    if (!parse_on_off(request.get("state"), &on)) return Reply::error(Reason::bad_request, "state=on|off");
    return verb == "router" ? world_.router(on) : world_.internet(on);
  }
  if (verb == "status_json")
    return Reply().add("json",
                       world_.status_json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  if (verb == "info") return world_.info(request.get("host"));
  return Reply::error(Reason::unknown_verb, verb);
}

}  // namespace onboard::air
