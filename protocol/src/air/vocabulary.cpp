#include "onboard/protocol/air/vocabulary.hpp"

#include <cstddef>

namespace onboard::air {
namespace {

constexpr std::string_view kBands[] = {"2.4", "5"};
constexpr std::string_view kSecurities[] = {"open", "wpa2"};
constexpr std::string_view kRoles[] = {"board", "phone"};
// In the order of enum class Reason.
constexpr std::string_view kReasons[] = {
    "wrong_password", "network_not_found", "ssid_too_long", "bad_password",   "bad_channel",
    "bad_request",    "unknown_verb",      "line_too_long", "not_registered", "no_such_host",
    "exists",         "wrong_role",        "not_joined",    "powered_off",    "router_off",
    "ap_gone",        "channel_switch",    "kicked",        "internal",       "no_internet",
};
static_assert(sizeof kReasons / sizeof kReasons[0] == static_cast<std::size_t>(Reason::no_internet) + 1,
              "every Reason needs a name");

template <typename Enum, std::size_t N>
std::string_view name_of(const std::string_view (&names)[N], Enum value) {
  const auto i = static_cast<std::size_t>(value);
  return i < N ? names[i] : std::string_view("unknown");
}

template <typename Enum, std::size_t N>
bool value_of(const std::string_view (&names)[N], std::string_view text, Enum* out) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) {
      *out = static_cast<Enum>(i);
      return true;
    }
  }
  return false;
}

}  // namespace

std::string_view to_string(Band band) {
  return name_of(kBands, band);
}
std::string_view to_string(Security security) {
  return name_of(kSecurities, security);
}
std::string_view to_string(Role role) {
  return name_of(kRoles, role);
}
std::string_view to_string(Reason reason) {
  return name_of(kReasons, reason);
}

bool parse(std::string_view text, Band* out) {
  if (text == "2.4GHz" || text == "2") text = "2.4";
  if (text == "5GHz") text = "5";
  return value_of(kBands, text, out);
}
bool parse(std::string_view text, Security* out) {
  return value_of(kSecurities, text, out);
}
bool parse(std::string_view text, Role* out) {
  return value_of(kRoles, text, out);
}
bool parse(std::string_view text, Reason* out) {
  return value_of(kReasons, text, out);
}

}  // namespace onboard::air
