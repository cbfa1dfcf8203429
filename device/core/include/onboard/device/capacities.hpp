// Compile-time capacities of the buffers that dominate the core's RAM. Override
// with -D for the whole build (library and sketch alike), e.g. -DONBOARD_HTTP_CLIENTS=1.
#pragma once

#include <cstddef>

#ifndef ONBOARD_HTTP_CLIENTS
#define ONBOARD_HTTP_CLIENTS 2  // setup clients served at once
#endif
#ifndef ONBOARD_HTTP_TARGET_BYTES
#define ONBOARD_HTTP_TARGET_BYTES 768  // longest request line (method + path + query); a full /config fits
#endif
#ifndef ONBOARD_CLOUD_RX_BYTES
#define ONBOARD_CLOUD_RX_BYTES 512  // largest message body from the cloud (announced as buff-in)
#endif
#ifndef ONBOARD_CLOUD_TX_BYTES
#define ONBOARD_CLOUD_TX_BYTES 384  // queued outgoing bytes
#endif
#ifndef ONBOARD_SECURE_SETUP
#define ONBOARD_SECURE_SETUP 1  // 0 leaves the SPAKE2+ setup session (and its buffers) out of the build
#endif
#ifndef ONBOARD_HTTP_BODY_BYTES
#if ONBOARD_SECURE_SETUP
// Largest POST body kept per client: a whole request line, sealed, as hex in /secure's JSON.
#define ONBOARD_HTTP_BODY_BYTES (2 * (ONBOARD_HTTP_TARGET_BYTES + 16) + 64)
#else
#define ONBOARD_HTTP_BODY_BYTES 0
#endif
#endif
#ifndef ONBOARD_SCAN_ENTRIES
#define ONBOARD_SCAN_ENTRIES 15  // networks kept from a scan (Edgent lists 15)
#endif

namespace onboard::device {

inline constexpr std::size_t kHttpClients = ONBOARD_HTTP_CLIENTS;
inline constexpr std::size_t kHttpTargetBytes = ONBOARD_HTTP_TARGET_BYTES;
inline constexpr std::size_t kCloudRxBytes = ONBOARD_CLOUD_RX_BYTES;
inline constexpr std::size_t kCloudTxBytes = ONBOARD_CLOUD_TX_BYTES;
inline constexpr std::size_t kScanEntries = ONBOARD_SCAN_ENTRIES;
inline constexpr bool kSecureSetup = ONBOARD_SECURE_SETUP != 0;
inline constexpr std::size_t kHttpBodyBytes = ONBOARD_HTTP_BODY_BYTES;

static_assert(kHttpClients >= 1, "ONBOARD_HTTP_CLIENTS must be at least 1");
static_assert(kHttpTargetBytes >= 64, "ONBOARD_HTTP_TARGET_BYTES below 64 cannot hold a request line");
static_assert(kCloudRxBytes >= 64 && kCloudTxBytes >= 64, "cloud buffers below 64 bytes cannot hold a login");

}  // namespace onboard::device
