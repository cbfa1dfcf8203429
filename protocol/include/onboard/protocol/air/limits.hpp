// Sizes and names every user of the air control socket agrees on.
#pragma once

#include <cstddef>

namespace onboard::air {

// One message is one line; this is the longest line (with its '\n') a board or
// phone ever sends or receives. Control replies (status_json) may be longer.
inline constexpr std::size_t kMaxLine = 1024;
// A message holds at most this many key=value fields; more is a parse error.
inline constexpr std::size_t kMaxFields = 16;
// 802.11: an SSID is 1..32 arbitrary bytes.
inline constexpr std::size_t kMaxSsid = 32;
// WPA2-PSK: a passphrase of 8..63 bytes or 64 hex digits.
inline constexpr std::size_t kMinPassword = 8;
inline constexpr std::size_t kMaxPassword = 64;
// A scan reply lists at most this many networks, strongest first.
inline constexpr std::size_t kMaxScanEntries = 32;
// Host names: 1..24 of [A-Za-z0-9_-].
inline constexpr std::size_t kMaxHostName = 24;

// Environment of every program the world starts in a host.
inline constexpr char kEnvSocket[] = "ONBOARD_AIR_SOCKET";    // absolute path of air.sock
inline constexpr char kEnvHost[] = "ONBOARD_AIR_HOST";        // the host's name
inline constexpr char kEnvChipId[] = "ONBOARD_AIR_CHIP_ID";   // boards: chip id, hex
inline constexpr char kEnvStorage[] = "ONBOARD_AIR_STORAGE";  // boards: persistent directory
inline constexpr char kEnvRunDir[] = "ONBOARD_AIR_RUN_DIR";   // the world's run directory

}  // namespace onboard::air
