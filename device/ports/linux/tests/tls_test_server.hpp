// A one-connection OpenSSL server on 127.0.0.1 for the TLS client tests: it
// accepts, handshakes, and echoes what it reads until the client closes.
#pragma once

#include <openssl/ssl.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>

#include "test_certificates.hpp"

namespace onboard::port::testing {

class TlsTestServer {
 public:
  // chain_pem: the leaf, then any intermediates.
  explicit TlsTestServer(const KeyAndCert& identity);
  ~TlsTestServer();
  std::uint16_t port() const { return port_; }
  bool handshake_done() const { return handshake_done_; }

 private:
  void serve();
  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  SSL_CTX* ctx_ = nullptr;
  std::atomic<bool> handshake_done_{false};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace onboard::port::testing
