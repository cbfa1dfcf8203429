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
  bool is_qemu() const { return !qemu_image.empty(); }
  std::string chip_id;               // hex
  std::vector<std::string> command;  // a QEMU board: the firmware's arguments
  std::string qemu_image;            // non-empty: a bare-metal image run on qemu-system-arm
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
  // `power NAME cycle-on-join`: the next phone to join its AP finds it restarting (power cut
  // and restored right after that join is answered), at a known point however fast the
  // wizard is. join_cycles counts those restarts.
  bool cycle_on_join = false;
  bool cycle_due = false;
  int join_cycles = 0;
};

// How a phone's OS behaves around networks, as seen in the field (pain 8): all off by default.
struct PhoneBehaviour {
  // Back on a network with internet, traffic flows only this long after the join (slow
  // DHCP and captive checks on the way home).
  std::chrono::milliseconds slow_rejoin{0};
  // On an AP without internet, leave it by itself after this long and go back to the last
  // network with internet, as Android does (0: stay).
  std::chrono::milliseconds leave_no_internet{0};
  // While on an AP without internet, send DNS to the last home network's resolver (which
  // cannot be reached from there) instead of the AP's.
  bool dns_elsewhere = false;
  // The next N joins of a board's AP are each dropped (link_lost reason=kicked) right after the
  // join is answered, as a weak AP's or a stray deauth would; the phone then stays off. Lets a
  // test meet a wizard with a drop at a known point, however fast the wizard is.
  int kicked_from_ap = 0;
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
  PhoneBehaviour behaviour;
  std::string last_home_ssid;  // the last network with internet it was on
  std::optional<std::chrono::steady_clock::time_point> link_up_at;  // slow_rejoin: traffic starts
  std::optional<std::chrono::steady_clock::time_point> leave_at;    // leave_no_internet: it leaves
  bool kick_due = false;  // kicked_from_ap: drop the link at the next timer turn
  int ap_kicks = 0;       // kicked_from_ap drops done since the behaviour was set

  RadioBands bands() const { return kind == HostKind::board ? RadioBands::board() : RadioBands::phone(); }
  bool is_station() const { return kind == HostKind::phone || kind == HostKind::board; }
};

}  // namespace onboard::air
