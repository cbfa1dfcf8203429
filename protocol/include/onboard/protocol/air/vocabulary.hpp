// The words of the air protocol: verbs, bands, security modes, roles and the
// reasons carried by "error reason=..." replies and "link_lost" pushes.
#pragma once

#include <cstdint>
#include <string_view>

namespace onboard::air {

// Verbs a board or phone sends (request -> one final "ok" or "error" line).
namespace verb {
inline constexpr std::string_view kHello = "hello";  // host= role=board|phone
inline constexpr std::string_view kScan = "scan";    // -> "ap ..." lines, then ok count=
inline constexpr std::string_view kJoin = "join";    // ssid= [pass=]
inline constexpr std::string_view kLeave = "leave";
inline constexpr std::string_view kStatus = "status";
inline constexpr std::string_view kApStart = "ap_start";  // ssid= [ch=]   (boards)
inline constexpr std::string_view kApStop = "ap_stop";    // (boards)
inline constexpr std::string_view kLed = "led";           // r= g= b= level= pattern= state=
inline constexpr std::string_view kPing = "ping";
// Replies.
inline constexpr std::string_view kOk = "ok";
inline constexpr std::string_view kError = "error";  // reason= [detail=]
inline constexpr std::string_view kAp = "ap";        // one scan entry
// Pushes from the world to a registered host (never inside a reply).
inline constexpr std::string_view kButton = "button";       // state=down|up
inline constexpr std::string_view kLinkLost = "link_lost";  // reason= ssid=
}  // namespace verb

enum class Band : std::uint8_t { ghz2_4, ghz5 };
enum class Security : std::uint8_t { open, wpa2 };
enum class Role : std::uint8_t { board, phone };

enum class Reason : std::uint8_t {
  wrong_password,     // join: the network exists on a band we hear, the key is wrong
  network_not_found,  // join: no such SSID on the bands we hear (or its AP is off)
  ssid_too_long,      // more than 32 bytes
  bad_password,       // ap_add: not 8..63 bytes or 64 hex digits
  bad_channel,        // channel not valid for the band
  bad_request,        // a field is missing or malformed
  unknown_verb,
  line_too_long,
  not_registered,  // the verb needs "hello" first (or host=)
  no_such_host,
  exists,          // the name or SSID is already taken
  wrong_role,      // e.g. ap_start from a phone
  not_joined,      // leave without a link
  powered_off,     // the board is off
  router_off,      // link_lost: the home router lost power
  ap_gone,         // link_lost: the AP was stopped or removed
  channel_switch,  // link_lost: a board's AP moved channel (its station joined elsewhere)
  kicked,          // link_lost: "onboard-air leave" or a join from the CLI
  internal,        // the world failed to build a link
  no_internet,     // link_lost: a phone left an AP without internet by itself (as Android does)
};

std::string_view to_string(Band band);
std::string_view to_string(Security security);
std::string_view to_string(Role role);
std::string_view to_string(Reason reason);
// false when text is not one of the names above.
bool parse(std::string_view text, Band* out);
bool parse(std::string_view text, Security* out);
bool parse(std::string_view text, Role* out);
bool parse(std::string_view text, Reason* out);

}  // namespace onboard::air
