// The hosts of the world and what the daemon remembers about each.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "radio/access_point.hpp"
#include "radio/address_pool.hpp"

namespace onboard::air {

enum class HostKind { internet, router, phone, board };
const char* to_string(HostKind kind);

// A station's association with an AP: the veth behind it and its address.
struct Link {
  std::string ssid;
  std::string bssid;
  std::string network;  // "router" (the home LAN) or the board that runs the AP
  std::string ap_ns;
  std::string ap_if;  // veth end in the AP's host
  std::string ip;
  std::string gateway;
  int channel = 0;
  int rssi = 0;
  Band band = Band::ghz2_4;
};

struct Board {
  std::string chip_id;  // hex
  std::vector<std::string> command;
  std::string cwd;
  bool power = false;
  pid_t pid = 0;                 // 0: not running
  std::optional<int> last_exit;  // wait status text when the program ended by itself
  std::string last_exit_text;
  bool button_down = false;
  std::optional<std::chrono::steady_clock::time_point> button_release_at;
  std::map<std::string, std::string> led;  // the last "led" message's fields
  std::optional<AccessPoint> ap;           // its open AP, when started
  AddressPool ap_pool{"192.168.4.", 2, 254};
};

struct Host {
  std::string name;
  HostKind kind = HostKind::phone;
  std::string ns;
  std::string mac;
  std::optional<Link> link;    // stations: phones and boards
  std::optional<Board> board;  // boards only
  // Phones: the password each network was last joined with, as a phone's saved networks,
  // so a join without one (a wizard going home) works like tapping a known network.
  std::map<std::string, std::string> saved_passwords;

  RadioBands bands() const { return kind == HostKind::board ? RadioBands::board() : RadioBands::phone(); }
  bool is_station() const { return kind == HostKind::phone || kind == HostKind::board; }
};

}  // namespace onboard::air
