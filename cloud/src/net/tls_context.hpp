// Internal to net/: the TLS server context, rebuilt from the certificate and
// key files on demand (SIGHUP), with AEAD-only suites and session tickets
// sealed with the data directory's ticket keys.
//
// A connection's SSL object holds a reference to the context it was made
// from, so swapping in a new context changes what new connections see and
// leaves established ones untouched.
#pragma once

#include <openssl/ssl.h>

#include <memory>
#include <mutex>
#include <string>

#include "onboard/cloud/crypto/ticket_keys.hpp"

namespace onboard::cloud::net {

// TLS 1.2 suites offered: ECDHE with AES-GCM or ChaCha20-Poly1305 only (TLS 1.3's are all AEAD).
inline constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

class TlsContexts {
 public:
  // Throws std::runtime_error when the files do not make a usable context.
  TlsContexts(std::string cert, std::string key, TicketKeys& tickets);

  // The context for a connection accepted now.
  std::shared_ptr<SSL_CTX> current() const;
  // Reads the files again. On failure the old context stays in use and the
  // reason is returned; an empty string means the new one is live.
  std::string reload();
  const std::string& cert_path() const { return cert_; }

 private:
  std::shared_ptr<SSL_CTX> build() const;

  std::string cert_;
  std::string key_;
  TicketKeys& tickets_;
  mutable std::mutex mutex_;
  std::shared_ptr<SSL_CTX> current_;
};

}  // namespace onboard::cloud::net
