// Non-blocking TCP (setup server, cloud client) and UDP (captive DNS). Every
// call returns at once; the core polls in run().
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onboard/device/hal/types.hpp"

namespace onboard::hal {

enum class StreamState : std::uint8_t { Connecting, Connected, Closed, Failed };

// Why a client stream failed, for precise reasons (cloud_unreachable, tls_failed).
enum class StreamFailure : std::uint8_t {
  None,
  Unreachable,
  Refused,
  Timeout,
  DnsFailed,
  TlsHandshake,
  TlsCertificate,
  Other
};

// A client byte stream: plain TCP from Net, or TLS from Tls.
class Stream {
 public:
  // host is a DNS name or dotted quad.
  virtual Handle connect(std::string_view host, std::uint16_t port) = 0;
  virtual StreamState state(Handle stream) const = 0;
  virtual StreamFailure failure(Handle stream) const = 0;
  virtual IoResult send(Handle stream, const std::uint8_t* data, std::size_t length) = 0;
  virtual IoResult receive(Handle stream, std::uint8_t* out, std::size_t capacity) = 0;
  virtual void close(Handle stream) = 0;

 protected:
  ~Stream() = default;
};

class Net : public Stream {
 public:
  // TCP server: listen on all addresses, accept without blocking (kNoHandle
  // when nobody waits). Accepted connections use send/receive/close above.
  virtual Handle listen(std::uint16_t port) = 0;
  virtual Handle accept(Handle listener) = 0;

  // UDP on all addresses.
  virtual Handle udp_bind(std::uint16_t port) = 0;
  virtual IoResult udp_receive(Handle socket, std::uint8_t* out, std::size_t capacity, Endpoint* from) = 0;
  virtual IoResult udp_send(Handle socket, const std::uint8_t* data, std::size_t length,
                            const Endpoint& to) = 0;

 protected:
  ~Net() = default;
};

}  // namespace onboard::hal
