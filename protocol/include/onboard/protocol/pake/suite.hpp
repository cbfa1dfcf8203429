// The one SPAKE2+ suite Onboard speaks (RFC 9383, P256-SHA256-HKDF-SHA256-HMAC-SHA256):
// sizes, the RFC's M and N, the curve order and the scalar arithmetic the protocol needs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onboard/protocol/pake/bytes.hpp"

namespace onboard::pake {

inline constexpr std::string_view kSuiteName = "P256-SHA256-HKDF-SHA256-HMAC-SHA256";
// Context of every Onboard handshake (secure-setup contract); identities are both empty.
inline constexpr std::string_view kOnboardContext = "Onboard setup v1";

inline constexpr std::size_t kPointSize = 65;   // SEC1 uncompressed
inline constexpr std::size_t kScalarSize = 32;  // big-endian
inline constexpr std::size_t kHashSize = 32;
inline constexpr std::size_t kSessionIdSize = 8;

struct Point {
  std::uint8_t bytes[kPointSize] = {};
  ByteView view() const { return {bytes, kPointSize}; }
};

struct Scalar {
  std::uint8_t bytes[kScalarSize] = {};
  ByteView view() const { return {bytes, kScalarSize}; }
};

struct Digest {
  std::uint8_t bytes[kHashSize] = {};
  ByteView view() const { return {bytes, kHashSize}; }
};

// RFC 9383 section 4's M and N, uncompressed as they enter the transcript.
const Point& point_m();
const Point& point_n();
// The order n of P-256's group, big-endian.
const Scalar& group_order();

// 0 < k < n.
bool is_valid_scalar(const Scalar& k);
// (n - k) mod n for a k already below n: the scalar that subtracts k·P.
Scalar negate_scalar(const Scalar& k);
// A big-endian number of any length reduced mod n (RFC 9383 section 3.2's w0s, w1s).
// Not constant-time: it runs where the setup code is typed, never on the device.
Scalar reduce_mod_order(const std::uint8_t* big_endian, std::size_t size);

}  // namespace onboard::pake
