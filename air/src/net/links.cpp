#include "net/links.hpp"

#include "net/command.hpp"

namespace onboard::air {

// A bridge without an address of its own takes the lowest MAC of its ports and changes it when
// that port leaves: stations still on the network keep the gateway's old MAC in their ARP cache
// and lose the gateway (and the cloud) for half a minute. A fixed address keeps it stable. Each
// bridge is its own segment (the home LAN, one board's AP), so they may all share it.
constexpr const char* kBridgeMac = "02:0b:00:00:00:01";

bool make_bridge(const std::string& ns, const std::string& bridge, const std::string& cidr,
                 std::string* error) {
  return ip_in(ns, {"link", "add", bridge, "address", kBridgeMac, "type", "bridge"}, error) &&
         ip_in(ns, {"addr", "add", cidr, "dev", bridge}, error) &&
         ip_in(ns, {"link", "set", bridge, "up"}, error);
}

bool make_wire(const std::string& ns_a, const std::string& a_if, const std::string& cidr_a,
               const std::string& ns_b, const std::string& b_if, const std::string& cidr_b,
               std::string* error) {
  return ip_in(ns_a, {"link", "add", a_if, "type", "veth", "peer", "name", b_if, "netns", ns_b}, error) &&
         ip_in(ns_a, {"addr", "add", cidr_a, "dev", a_if}, error) &&
         ip_in(ns_b, {"addr", "add", cidr_b, "dev", b_if}, error) &&
         ip_in(ns_a, {"link", "set", a_if, "up"}, error) && ip_in(ns_b, {"link", "set", b_if, "up"}, error);
}

bool connect_station(const StationWire& w, std::string* error) {
  disconnect_station(w.sta_ns);
  const bool ok =
      ip_in(w.ap_ns, {"link", "add", w.ap_if, "type", "veth", "peer", "name", kStationIf, "netns", w.sta_ns},
            error) &&
      ip_in(w.ap_ns, {"link", "set", w.ap_if, "master", w.bridge, "up"}, error) &&
      ip_in(w.sta_ns, {"link", "set", kStationIf, "address", w.mac}, error) &&
      ip_in(w.sta_ns, {"addr", "add", w.address, "dev", kStationIf}, error) &&
      ip_in(w.sta_ns, {"link", "set", kStationIf, "up"}, error) &&
      ip_in(w.sta_ns, {"route", "replace", "default", "via", w.gateway, "dev", kStationIf}, error);
  if (!ok) disconnect_station(w.sta_ns);
  return ok;
}

void disconnect_station(const std::string& sta_ns) {
  std::string ignored;
  ip_in(sta_ns, {"link", "del", kStationIf}, &ignored);
}

}  // namespace onboard::air
