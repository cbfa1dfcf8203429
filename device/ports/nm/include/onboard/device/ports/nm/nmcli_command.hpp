// The nmcli command lines of the NetworkManager radio, as argv vectors (never a
// shell string: SSIDs and passwords may hold any byte a shell would interpret).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace onboard::port::nmcli {

using Argv = std::vector<std::string>;

// The connection profiles Onboard owns (so it never touches the user's others).
inline constexpr char kApConnection[] = "onboard-setup-ap";
inline constexpr char kStationConnection[] = "onboard-station";

// Opening the setup AP: an open 2.4 GHz network at 192.168.4.1/24 with
// NetworkManager's shared mode (its own DHCP server). "nmcli dev wifi hotspot"
// cannot make an open network (it always sets a WPA key), so the profile is
// made by hand: delete any old one, add it, bring it up.
std::vector<Argv> start_ap(std::string_view ifname, std::string_view ssid);
Argv stop_ap();
Argv scan(std::string_view ifname);
// Joins with a fresh profile named kStationConnection. The password travels on
// nmcli's command line (visible in ps to the same machine's users).
std::vector<Argv> join(std::string_view ifname, std::string_view ssid, std::string_view password);
Argv leave();
Argv status(std::string_view ifname);
// The interface's MAC address.
Argv hardware_address(std::string_view ifname);

}  // namespace onboard::port::nmcli
