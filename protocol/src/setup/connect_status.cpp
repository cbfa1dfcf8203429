#include "onboard/protocol/setup/connect_status.hpp"

#include "onboard/protocol/setup/json_writer.hpp"

namespace onboard::setup {

namespace {

constexpr std::string_view kStateNames[] = {"idle", "joining", "joined", "cloud", "activated", "failed"};
constexpr std::size_t kStateCount = sizeof(kStateNames) / sizeof(kStateNames[0]);
static_assert(kStateCount == static_cast<std::size_t>(ConnectState::failed) + 1, "one name per state");

}  // namespace

std::string_view to_string(ConnectState state) {
  const auto index = static_cast<std::size_t>(state);
  return index < kStateCount ? kStateNames[index] : "failed";
}

bool connect_state_from_string(std::string_view text, ConnectState& out) {
  for (std::size_t i = 0; i < kStateCount; ++i) {
    if (kStateNames[i] == text) {
      out = static_cast<ConnectState>(i);
      return true;
    }
  }
  return false;
}

std::size_t write_connect_status_json(const ConnectStatus& status, char* out, std::size_t cap) {
  JsonWriter json(out, cap);
  json.begin_object();
  json.key("state").string(to_string(status.state));
  json.key("reason").string(to_string(status.reason));
  json.key("last_error").integer(to_int(error_code_for(status.reason)));
  json.end_object();
  return json.complete() ? json.size() : 0;
}

}  // namespace onboard::setup
