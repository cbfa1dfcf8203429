// The radio rules of the world, free of namespaces so they are unit-tested
// alone: what is a valid network, what a radio hears, whom a join reaches.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "radio/access_point.hpp"

namespace onboard::air {

// An SSID is 1..32 bytes (802.11); anything longer is refused, as real
// drivers do, with Reason::ssid_too_long; empty is Reason::bad_request.
std::optional<Reason> check_ssid(std::string_view ssid);
// Empty (open network), 8..63 bytes, or exactly 64 hex digits; otherwise
// Reason::bad_password.
std::optional<Reason> check_password(std::string_view password);
// 2.4 GHz: channels 1..13. 5 GHz: 36..64 and 100..144 in steps of 4, 149..165.
bool is_valid_channel(Band band, int channel);
int default_channel(Band band);

// What radio `self` (with `bands`) hears now: APs that are on, on a band it
// hears, not its own; strongest first (then by SSID), at most kMaxScanEntries.
std::vector<const AccessPoint*> scan(const std::vector<const AccessPoint*>& aps, RadioBands bands,
                                     std::string_view self);

// The outcome of a join attempt: ap set on success, otherwise reason is
// network_not_found (no such SSID on a heard band, or its AP is off) or
// wrong_password (a heard AP has the SSID but refuses the key).
struct JoinDecision {
  const AccessPoint* ap = nullptr;
  Reason reason = Reason::network_not_found;
};
JoinDecision decide_join(const std::vector<const AccessPoint*>& aps, RadioBands bands, std::string_view self,
                         std::string_view ssid, std::string_view password);

// A board has one radio: its AP and its station share a channel. When the
// station joins on another channel the AP follows (if `follow`), and every
// station on the AP is dropped (field pain 5).
struct ApChannelMove {
  int channel;
  bool drop_stations;
};
ApChannelMove ap_channel_after_join(int ap_channel, int station_channel, bool follow);
// The channel a board's AP starts on: the station's channel when it is joined
// (and `follow`), else the requested one, else 1.
int ap_start_channel(int requested, int station_channel, bool follow);

// Names of hosts: 1..24 of [A-Za-z0-9_-], and not a fixed host.
bool is_valid_host_name(std::string_view name);

}  // namespace onboard::air
