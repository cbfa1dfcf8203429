// An access point as the radio rules see it: what a scan shows and what a
// join checks. The world adds the links and addresses behind it.
#pragma once

#include <string>

#include "onboard/protocol/air/vocabulary.hpp"

namespace onboard::air {

struct AccessPoint {
  std::string ssid;      // 1..32 arbitrary bytes
  std::string password;  // empty: an open network; otherwise WPA2-PSK
  Band band = Band::ghz2_4;
  int channel = 6;
  int rssi = -50;     // dBm as every radio hears it
  std::string bssid;  // "02:..:..": locally administered MAC
  std::string owner;  // "router" for home APs, else the board that runs it
  bool on = true;     // off: the router is off (home APs)

  Security security() const { return password.empty() ? Security::open : Security::wpa2; }
};

// The bands a radio hears: boards are 2.4 GHz only, phones hear both.
struct RadioBands {
  bool ghz2_4 = true;
  bool ghz5 = false;

  bool hears(Band band) const { return band == Band::ghz2_4 ? ghz2_4 : ghz5; }
  static RadioBands board() { return {true, false}; }
  static RadioBands phone() { return {true, true}; }
};

}  // namespace onboard::air
