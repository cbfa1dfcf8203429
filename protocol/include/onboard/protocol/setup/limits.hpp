// Field limits of the setup API: every bound the config parser enforces, in one place.
// The device's buffers and the wizard's checks both size themselves from these constants.
#pragma once

#include <cstddef>
#include <cstdint>

namespace onboard::setup {

// 802.11 allows 0..32 arbitrary bytes; an empty SSID cannot be joined by name.
// Raw NUL (%00) is rejected because the radio stacks below us take C strings.
inline constexpr std::size_t kSsidMinLength = 1;
inline constexpr std::size_t kSsidMaxLength = 32;

// WPA2/WPA3 personal: a passphrase of 8..63 bytes or a raw PSK of 64 hex digits.
// An empty password means an open network. NUL is rejected as for the SSID.
inline constexpr std::size_t kPassphraseMinLength = 8;
// A WEP-40 key typed as text (WEP-104's 13 characters, and both hex forms, are >= 8).
inline constexpr std::size_t kWep40KeyLength = 5;
inline constexpr std::size_t kPassphraseMaxLength = 63;
inline constexpr std::size_t kPskHexLength = 64;
inline constexpr std::size_t kPasswordMaxLength = kPskHexLength;

// Blynk auth tokens: exactly 32 characters of the base64url alphabet [A-Za-z0-9_-].
inline constexpr std::size_t kTokenLength = 32;

// Cloud host: a DNS name (RFC 1035 letters/digits/hyphen labels) or a dotted quad.
inline constexpr std::size_t kHostMaxLength = 253;
inline constexpr std::size_t kHostLabelMaxLength = 63;

inline constexpr std::uint16_t kPortMin = 1;
inline constexpr std::uint16_t kPortMaxDigits = 5;

// "255.255.255.255"
inline constexpr std::size_t kIpv4TextMaxLength = 15;

// Longest query key we recognise is "ssidManual"; longer keys are unknown by definition.
inline constexpr std::size_t kQueryKeyMaxLength = 16;

// The wifi_scan.json array never holds more entries than this (Edgent's limit).
inline constexpr std::size_t kMaxScanEntries = 15;

// The version the `onboard` key of board_info.json reports; plain Edgent has no such key.
inline constexpr int kOnboardProtocolVersion = 1;

}  // namespace onboard::setup
