#include "onboard/device/ports/nm/nmcli_command.hpp"

namespace onboard::port::nmcli {

namespace {
std::string str(std::string_view text) {
  return std::string(text);
}
}  // namespace

std::vector<Argv> start_ap(std::string_view ifname, std::string_view ssid) {
  return {
      {"nmcli", "connection", "delete", kApConnection},
      {"nmcli",
       "connection",
       "add",
       "type",
       "wifi",
       "ifname",
       str(ifname),
       "con-name",
       kApConnection,
       "autoconnect",
       "no",
       "ssid",
       str(ssid),
       "802-11-wireless.mode",
       "ap",
       "802-11-wireless.band",
       "bg",
       "ipv4.method",
       "shared",
       "ipv4.addresses",
       "192.168.4.1/24",
       "ipv6.method",
       "disabled"},
      {"nmcli", "connection", "up", kApConnection},
  };
}

Argv stop_ap() {
  return {"nmcli", "connection", "down", kApConnection};
}

Argv scan(std::string_view ifname) {
  return {"nmcli",  "-t",     "-f",       "SSID,BSSID,CHAN,SIGNAL,SECURITY,FREQ",
          "device", "wifi",   "list",     "--rescan",
          "yes",    "ifname", str(ifname)};
}

std::vector<Argv> join(std::string_view ifname, std::string_view ssid, std::string_view password) {
  // The old profile would keep the old password: start from a fresh one.
  Argv connect{"nmcli", "--wait", "45", "device", "wifi", "connect", str(ssid)};
  if (!password.empty()) {
    connect.emplace_back("password");
    connect.emplace_back(password);
  }
  connect.insert(connect.end(), {"ifname", str(ifname), "name", kStationConnection});
  return {{"nmcli", "connection", "delete", kStationConnection}, connect};
}

Argv leave() {
  return {"nmcli", "connection", "down", kStationConnection};
}

Argv status(std::string_view ifname) {
  return {"nmcli", "-t", "-f", "GENERAL.STATE,IP4.ADDRESS,IP4.GATEWAY", "device", "show", str(ifname)};
}

Argv hardware_address(std::string_view ifname) {
  return {"nmcli", "-t", "-f", "GENERAL.HWADDR", "device", "show", str(ifname)};
}

}  // namespace onboard::port::nmcli
