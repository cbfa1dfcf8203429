// The PROXY protocol v2 header that HAProxy puts before a connection's first byte, so a
// node behind it sees the device's own address (for per-IP limits and logs). Bounded parser.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace onboard::cloud {

struct ProxyHeader {
  enum class Status {
    NeedMore,   // a prefix of a valid header so far: read more bytes
    Complete,   // `length` bytes make the header; the connection's data follows
    Malformed,  // not a PROXY v2 header, or one we refuse: close the connection
  };
  Status status = Status::NeedMore;
  std::size_t length = 0;
  // PROXY with an INET or INET6 source: the client's address ("203.0.113.7", "2001:db8::1").
  // Empty for LOCAL (the proxy's own health check) and other families: keep the socket's peer.
  std::string source_address;
  std::uint16_t source_port = 0;
  const char* error = "";  // for Malformed
};

// The largest header accepted (addresses plus TLVs such as HAProxy's unique id and SSL
// details); a longer announced length is Malformed before any of it is read.
inline constexpr std::size_t kProxyHeaderMax = 16 + 512;

// Reads a header from the start of `bytes` (everything received so far).
ProxyHeader parse_proxy_header(std::string_view bytes);

}  // namespace onboard::cloud
