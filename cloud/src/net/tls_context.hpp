// Internal to net/: the TLS server context, rebuilt from the certificate and
// key files on demand (SIGHUP), with AEAD-only suites and session tickets
// sealed with the data directory's ticket keys.
//
// A connection's SSL object holds a reference to the context it was made
// from, so swapping in a new context changes what new connections see and
// leaves established ones untouched.
#pragma once

#include <openssl/evp.h>
#include <openssl/ssl.h>

#include <memory>
#include <mutex>
#include <string>

#include "onboard/cloud/crypto/ticket_keys.hpp"

namespace onboard::cloud::net {

// TLS 1.2 suites offered: ECDHE with AES-GCM or ChaCha20-Poly1305 only (TLS 1.3's are all AEAD).
// AES-GCM stays first although OpenSSL 3.0 keeps ChaCha20-Poly1305's two
// per-connection contexts 224 bytes smaller: with it first, resumed logins
// cost the server about 6 % more CPU in the bench (small records), and bulk
// transfers (OTA images) more still (see bench/README.md).
inline constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";
inline constexpr const char* kTls13Suites =
    "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";

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
  // OpenSSL's ticket hook (SSL_CTX_set_tlsext_ticket_key_evp_cb).
  static int ticket_callback(SSL* ssl, unsigned char* name, unsigned char* iv, EVP_CIPHER_CTX* cipher,
                             EVP_MAC_CTX* hmac, int encrypt);

  // What the ticket callback needs (the contexts' ex_data points here). The
  // ticket cipher is fetched once: EVP_aes_256_cbc() would make OpenSSL 3
  // look it up by name in its provider store on every handshake.
  struct TicketSealing {
    TicketKeys& keys;
    std::unique_ptr<EVP_CIPHER, void (*)(EVP_CIPHER*)> cipher;
  };

  std::string cert_;
  std::string key_;
  TicketSealing sealing_;
  mutable std::mutex mutex_;
  std::shared_ptr<SSL_CTX> current_;
};

}  // namespace onboard::cloud::net
