// The body of GET /connect_status.json: how far the device got with the new configuration.
// An Onboard extension: the AP stays up while the device tries, so the wizard can poll this.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onboard/protocol/setup/reason.hpp"

namespace onboard::setup {

// Append-only; the strings are part of the wire contract.
enum class ConnectState : std::uint8_t {
  idle,       // no configuration received yet
  joining,    // associating with the network / waiting for DHCP
  joined,     // has an IP address on the network
  cloud,      // connected to the cloud, logging in
  activated,  // logged in with the token; configuration committed
  failed,     // see `reason`
};

std::string_view to_string(ConnectState state);
// Returns false and leaves `out` alone when `text` names no state.
bool connect_state_from_string(std::string_view text, ConnectState& out);

struct ConnectStatus {
  ConnectState state = ConnectState::idle;
  Reason reason = Reason::none;
};

// {"state":"failed","reason":"wrong_password","last_error":701}; last_error follows from
// the reason (0 for none). Returns the length written, or 0 when it does not fit `cap`.
std::size_t write_connect_status_json(const ConnectStatus& status, char* out, std::size_t cap);

// The wizard's side: reads a connect_status.json body; false when it is not an object with
// a known state. An unknown reason reads as internal.
bool read_connect_status_json(std::string_view json, ConnectStatus& out);

}  // namespace onboard::setup
