// The records of the domain: organizations, users, templates, provisioning
// sessions, devices, timeline events. Plain values; the store fills them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "onboard/cloud/clock.hpp"
#include "onboard/cloud/domain/roles.hpp"

namespace onboard::cloud {

using Id = std::int64_t;

struct Org {
  Id id = 0;
  std::string name;
};

struct User {
  Id id = 0;
  Id org_id = 0;
  std::string email;
  std::string password_hash;
  Role role = Role::User;
};

struct Template {
  std::string id;  // "TMPL" + 8 random characters
  Id org_id = 0;
  std::string name;
  Millis created_at = 0;
};

enum class ProvisioningState { Pending, Connected, Activated, Failed, Expired };
std::string_view to_string(ProvisioningState state);
std::optional<ProvisioningState> provisioning_state_from(std::string_view text);

struct ProvisioningSession {
  Id id = 0;
  std::string token_hash;
  std::string template_id;
  Id org_id = 0;
  Id requester_id = 0;
  std::optional<Id> device_id;  // set for reconfigure sessions and once activated
  ProvisioningState state = ProvisioningState::Pending;
  std::string reason;  // for Failed
  Millis created_at = 0;
  Millis expires_at = 0;
  bool reconfigure = false;
  // When a device first logged in with the token, and when the session ended
  // (activated, failed, expired); 0: not yet (or before these were recorded).
  Millis connected_at = 0;
  Millis finished_at = 0;
};

struct Device {
  Id id = 0;
  Id org_id = 0;
  Id owner_id = 0;
  std::string template_id;
  std::string name;
  std::string token_hash;
  std::string firmware;
  Millis activated_at = 0;
  Millis last_seen = 0;
  // The token a reconfigure replaced: it still logs in until the device shows
  // it saved the new one (see domain/device_login).
  std::optional<std::string> previous_token_hash;
  int heartbeat_s = 0;  // what the device last said in its info; 0: never said
};

struct TimelineEvent {
  Millis ts = 0;
  std::string type;  // "online", "offline", "activated", "event", "warning"
  std::string code;
  std::string description;
};

struct PinValue {
  Id device_id = 0;
  std::string pin;  // "V5"
  std::string value;
};

}  // namespace onboard::cloud
