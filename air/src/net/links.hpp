// The wires of the world: bridges for access points and veth pairs for
// associations. Every interface is created directly inside its namespace, so
// nothing ever appears in the caller's namespace.
#pragma once

#include <string>

namespace onboard::air {

// The name of the station interface in every station host.
inline constexpr char kStationIf[] = "wlan0";

// A bridge named `bridge` in ns holding address cidr ("192.168.4.1/24"), up.
bool make_bridge(const std::string& ns, const std::string& bridge, const std::string& cidr,
                 std::string* error);

// A point-to-point wire: a_if (cidr_a) in ns_a, b_if (cidr_b) in ns_b, both up.
bool make_wire(const std::string& ns_a, const std::string& a_if, const std::string& cidr_a,
               const std::string& ns_b, const std::string& b_if, const std::string& cidr_b,
               std::string* error);

struct StationWire {
  std::string ap_ns;  // the namespace that owns the AP's bridge
  std::string ap_if;  // the AP-side veth end (enslaved to bridge)
  std::string bridge;
  std::string sta_ns;
  std::string mac;      // the station's MAC
  std::string address;  // "192.168.1.100/24"
  std::string gateway;  // default route
};
// Associates: a veth from the AP's bridge to wlan0 in the station's host,
// addressed, with a default route through the gateway.
bool connect_station(const StationWire& wire, std::string* error);
// Removes the station's wlan0 (which removes both ends).
void disconnect_station(const std::string& sta_ns);

}  // namespace onboard::air
