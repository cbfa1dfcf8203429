#include "onboard/protocol/setup/connect_status.hpp"

#include "onboard/protocol/codec/name_list.hpp"
#include "onboard/protocol/setup/json_writer.hpp"

namespace onboard::setup {

namespace {

// In ConnectState's order.
constexpr char kStateNames[] = "idle\0joining\0joined\0cloud\0activated\0failed";
static_assert(codec::count_names(kStateNames) == static_cast<std::size_t>(ConnectState::failed) + 1,
              "one name per state");

}  // namespace

std::string_view to_string(ConnectState state) {
  return codec::name_at(codec::name_list(kStateNames), static_cast<std::size_t>(state), "failed");
}

bool connect_state_from_string(std::string_view text, ConnectState& out) {
  std::size_t index = 0;
  if (!codec::index_of(codec::name_list(kStateNames), text, index)) return false;
  out = static_cast<ConnectState>(index);
  return true;
}

std::size_t write_connect_status_json(const ConnectStatus& status, char* out, std::size_t cap) {
  JsonWriter json(out, cap);
  json.begin_object();
  json.member("state", to_string(status.state));
  json.member("reason", to_string(status.reason));
  json.member("last_error", static_cast<std::int64_t>(to_int(error_code_for(status.reason))));
  json.end_object();
  return json.complete() ? json.size() : 0;
}

}  // namespace onboard::setup
