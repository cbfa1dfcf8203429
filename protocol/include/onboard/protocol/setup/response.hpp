// The small status bodies of /config and /reset, in Edgent's wording so Edgent apps understand.
// The error body adds `field`, `rule` and `reason` so a wizard can point at the bad input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onboard/protocol/setup/parse_result.hpp"

namespace onboard::setup {

enum class OkMessage : std::uint8_t {
  config_saved,       // "Configuration saved"   (/config with save)
  trying_to_connect,  // "Trying to connect..."  (/config without save)
  config_reset,       // "Configuration reset"   (/reset)
};

std::string_view to_string(OkMessage message);

// {"status":"ok","msg":"Configuration saved"}
std::size_t write_ok_json(OkMessage message, char* out, std::size_t cap);

// Served with HTTP 500 like Edgent:
// {"status":"error","msg":"Configuration invalid","field":"pass","rule":"too_short",
//  "reason":"must be empty, 8..63 characters, or 64 hex digits"}
// `field`/`rule`/`reason` are left out for a successful result, which should not happen.
std::size_t write_config_error_json(ParseResult error, char* out, std::size_t cap);

// Enough for every body of this file.
inline constexpr std::size_t kResponseJsonMaxLength = 256;

// The wizard's side of /config's answer. Views into `scratch` (the body's size is enough).
struct ConfigReply {
  bool ok = false;  // "status":"ok"
  std::string_view msg;
  std::string_view field;  // Onboard devices name the bad field, the rule and why
  std::string_view rule;
  std::string_view reason;
};
// False when the body is not a JSON object.
bool read_config_reply_json(std::string_view json, char* scratch, std::size_t cap, ConfigReply& out);

}  // namespace onboard::setup
