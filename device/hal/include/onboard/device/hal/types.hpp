// Plain value types the hardware interface passes around: addresses, socket
// handles and I/O results. No heap, usable on a microcontroller.
#pragma once

#include <cstddef>
#include <cstdint>

namespace onboard::hal {

struct MacAddress {
  std::uint8_t bytes[6] = {};
};

// IPv4 address in host byte order (192.168.4.1 == 0xC0A80401).
struct Ip4 {
  std::uint32_t value = 0;
  bool operator==(const Ip4& other) const { return value == other.value; }
  bool operator!=(const Ip4& other) const { return value != other.value; }
};

struct Endpoint {
  Ip4 ip;
  std::uint16_t port = 0;
};

// A socket, server or stream handle owned by a port; never an OS descriptor the
// core could misuse. Negative means "none".
using Handle = std::int16_t;
inline constexpr Handle kNoHandle = -1;

// Result of a non-blocking send or receive: bytes moved (>0), 0 when the call
// would block, or one of the negative codes below.
using IoResult = std::int32_t;
inline constexpr IoResult kIoClosed = -1;  // orderly close by the peer
inline constexpr IoResult kIoError = -2;   // reset, timeout or a local failure

}  // namespace onboard::hal
