#include "net/qemu_wire.hpp"

#include "net/command.hpp"
#include "net/links.hpp"

namespace onboard::air {

bool make_qemu_wire(const std::string& ns, const std::string& bridge, std::string* error) {
  std::string ignored;
  ip_in(ns, {"link", "del", kQemuTap}, &ignored);
  ip_in(ns, {"link", "del", bridge}, &ignored);
  return ip_in(ns, {"link", "add", bridge, "type", "bridge"}, error) &&
         ip_in(ns, {"link", "set", bridge, "up"}, error) &&
         ip_in(ns, {"tuntap", "add", "dev", kQemuTap, "mode", "tap"}, error) &&
         ip_in(ns, {"link", "set", kQemuTap, "master", bridge, "up"}, error);
}

bool isolate_port(const std::string& ns, const std::string& port, std::string* error) {
  return ip_in(ns, {"link", "set", "dev", port, "type", "bridge_slave", "isolated", "on"}, error);
}

bool connect_bridged_station(const std::string& ap_ns, const std::string& ap_if, const std::string& ap_bridge,
                             const std::string& board_ns, const std::string& board_bridge,
                             std::string* error) {
  disconnect_station(board_ns);
  const bool ok =
      ip_in(ap_ns, {"link", "add", ap_if, "type", "veth", "peer", "name", kStationIf, "netns", board_ns},
            error) &&
      ip_in(ap_ns, {"link", "set", ap_if, "master", ap_bridge, "up"}, error) &&
      ip_in(board_ns, {"link", "set", kStationIf, "master", board_bridge, "up"}, error) &&
      isolate_port(board_ns, kStationIf, error);
  if (!ok) disconnect_station(board_ns);
  return ok;
}

}  // namespace onboard::air
