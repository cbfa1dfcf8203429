#include "onboard/cloud/cluster/proxy_protocol.hpp"

#include <arpa/inet.h>

#include <cstring>

namespace onboard::cloud {

namespace {

constexpr char kSignature[12] = {'\r', '\n', '\r', '\n', '\0', '\r', '\n', 'Q', 'U', 'I', 'T', '\n'};
constexpr std::size_t kFixed = 16;  // signature, version/command, family/transport, length

ProxyHeader malformed(const char* why) {
  ProxyHeader h;
  h.status = ProxyHeader::Status::Malformed;
  h.error = why;
  return h;
}

std::uint16_t be16(const char* p) {
  return static_cast<std::uint16_t>((static_cast<unsigned char>(p[0]) << 8) |
                                    static_cast<unsigned char>(p[1]));
}

}  // namespace

ProxyHeader parse_proxy_header(std::string_view bytes) {
  // Compare what has arrived of the signature first: a device speaking Blynk or a browser
  // speaking HTTP is refused at its first byte, not after 16.
  const std::size_t have = bytes.size() < sizeof kSignature ? bytes.size() : sizeof kSignature;
  if (std::memcmp(bytes.data(), kSignature, have) != 0) return malformed("no PROXY v2 signature");
  if (bytes.size() < kFixed) return ProxyHeader{};
  const auto version_command = static_cast<unsigned char>(bytes[12]);
  if ((version_command >> 4) != 2) return malformed("PROXY protocol version is not 2");
  const unsigned command = version_command & 0x0f;
  if (command > 1) return malformed("unknown PROXY command");
  const auto family_transport = static_cast<unsigned char>(bytes[13]);
  const unsigned family = family_transport >> 4;
  const std::size_t body = be16(bytes.data() + 14);
  if (kFixed + body > kProxyHeaderMax) return malformed("PROXY header too long");
  if (bytes.size() < kFixed + body) return ProxyHeader{};

  ProxyHeader h;
  h.status = ProxyHeader::Status::Complete;
  h.length = kFixed + body;
  if (command == 0) return h;  // LOCAL: the proxy's own connection (health checks)
  const char* a = bytes.data() + kFixed;
  char text[INET6_ADDRSTRLEN] = {};
  if (family == 1) {  // INET: src 4, dst 4, src port 2, dst port 2
    if (body < 12) return malformed("PROXY INET addresses truncated");
    if (inet_ntop(AF_INET, a, text, sizeof text) == nullptr) return malformed("bad INET address");
    h.source_port = be16(a + 8);
  } else if (family == 2) {  // INET6: src 16, dst 16, src port 2, dst port 2
    if (body < 36) return malformed("PROXY INET6 addresses truncated");
    if (inet_ntop(AF_INET6, a, text, sizeof text) == nullptr) return malformed("bad INET6 address");
    h.source_port = be16(a + 32);
  } else {
    return h;  // UNSPEC or UNIX: no address worth keeping; the socket's peer stands
  }
  h.source_address = text;
  return h;
}

}  // namespace onboard::cloud
