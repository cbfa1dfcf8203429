#include "tls_context.hpp"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cstring>
#include <stdexcept>

namespace onboard::cloud::net {

namespace {

std::string openssl_error(const char* what) {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  char text[256] = "unknown error";
  if (code != 0) ERR_error_string_n(code, text, sizeof text);
  return std::string(what) + ": " + text;
}

int ticket_keys_index() {
  static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}

bool set_hmac_key(EVP_MAC_CTX* hmac, const TicketKey& key) {
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_octet_string(OSSL_MAC_PARAM_KEY, const_cast<unsigned char*>(key.hmac.data()),
                                        key.hmac.size()),
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>("SHA256"), 0),
      OSSL_PARAM_construct_end()};
  return EVP_MAC_CTX_set_params(hmac, params) == 1;
}

std::unique_ptr<EVP_CIPHER, void (*)(EVP_CIPHER*)> fetch_ticket_cipher() {
  std::unique_ptr<EVP_CIPHER, void (*)(EVP_CIPHER*)> cipher(EVP_CIPHER_fetch(nullptr, "AES-256-CBC", nullptr),
                                                            EVP_CIPHER_free);
  if (!cipher) throw std::runtime_error(openssl_error("AES-256-CBC for the session tickets"));
  return cipher;
}

}  // namespace

// Seals new tickets with the current key; opens tickets sealed with the
// current or previous key; refuses others, which makes that client do a full
// handshake.
int TlsContexts::ticket_callback(SSL* ssl, unsigned char* name, unsigned char* iv, EVP_CIPHER_CTX* cipher,
                                 EVP_MAC_CTX* hmac, int encrypt) {
  auto* sealing =
      static_cast<const TicketSealing*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), ticket_keys_index()));
  if (sealing == nullptr) return -1;
  const EVP_CIPHER* aes = sealing->cipher.get();
  if (encrypt == 1) {
    const TicketKey key = sealing->keys.current();
    std::memcpy(name, key.name.data(), key.name.size());
    if (RAND_bytes(iv, EVP_MAX_IV_LENGTH) != 1) return -1;
    if (EVP_EncryptInit_ex(cipher, aes, nullptr, key.aes.data(), iv) != 1) return -1;
    return set_hmac_key(hmac, key) ? 1 : -1;
  }
  const auto found = sealing->keys.find(name);
  if (!found) return 0;
  const auto& [key, is_current] = *found;
  if (!set_hmac_key(hmac, key)) return -1;
  if (EVP_DecryptInit_ex(cipher, aes, nullptr, key.aes.data(), iv) != 1) return -1;
  // 2 asks OpenSSL for a fresh ticket. Always on TLS 1.3: its clients use a
  // ticket once (RFC 8446 8.1), so without a new one the next reconnect would
  // be a full handshake.
  return is_current && SSL_version(ssl) != TLS1_3_VERSION ? 1 : 2;
}

TlsContexts::TlsContexts(std::string cert, std::string key, TicketKeys& tickets)
    : cert_(std::move(cert)),
      key_(std::move(key)),
      sealing_{tickets, fetch_ticket_cipher()},
      current_(build()) {}

std::shared_ptr<SSL_CTX> TlsContexts::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

std::string TlsContexts::reload() {
  std::shared_ptr<SSL_CTX> next;
  try {
    next = build();
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  std::lock_guard lock(mutex_);
  current_ = std::move(next);
  return {};
}

std::shared_ptr<SSL_CTX> TlsContexts::build() const {
  ERR_clear_error();
  std::shared_ptr<SSL_CTX> ctx(SSL_CTX_new(TLS_server_method()), SSL_CTX_free);
  if (!ctx) throw std::runtime_error(openssl_error("SSL_CTX_new"));
  SSL_CTX* c = ctx.get();
  SSL_CTX_set_min_proto_version(c, TLS1_2_VERSION);
  // No TLS 1.2 renegotiation: no device needs it, and a client could use it
  // to make the server do full handshakes on demand over one connection.
  SSL_CTX_set_options(c, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_COMPRESSION);
  SSL_CTX_set_mode(c, SSL_MODE_RELEASE_BUFFERS);
  // Without read-ahead OpenSSL reads a record's 5-byte header and then its body,
  // two read() calls per record; with it, one read takes what the socket has
  // (see bench/README.md for the reads a resumed login saves). Callers
  // already read until WANT_READ before waiting, so bytes OpenSSL holds are
  // never left waiting for a readiness event; the buffer is still freed when
  // empty (SSL_MODE_RELEASE_BUFFERS), so an idle connection holds none.
  SSL_CTX_set_read_ahead(c, 1);
  if (SSL_CTX_set_cipher_list(c, kTls12Ciphers) != 1) throw std::runtime_error(openssl_error("cipher list"));
  if (SSL_CTX_set_ciphersuites(c, kTls13Suites) != 1) {
    throw std::runtime_error(openssl_error("TLS 1.3 suites"));
  }
  if (SSL_CTX_use_certificate_chain_file(c, cert_.c_str()) != 1) {
    throw std::runtime_error(openssl_error(("certificate " + cert_).c_str()));
  }
  if (SSL_CTX_use_PrivateKey_file(c, key_.c_str(), SSL_FILETYPE_PEM) != 1) {
    throw std::runtime_error(openssl_error(("private key " + key_).c_str()));
  }
  if (SSL_CTX_check_private_key(c) != 1) {
    throw std::runtime_error(openssl_error("the key does not match the certificate"));
  }
  // Resumption by stateless tickets only: no per-session memory on the
  // server, and every context (and process restart) shares the same keys.
  SSL_CTX_set_session_cache_mode(c, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_STORE);
  static const unsigned char kSessionContext[] = "onboard-cloud";
  SSL_CTX_set_session_id_context(c, kSessionContext, sizeof kSessionContext - 1);
  SSL_CTX_set_num_tickets(c, 1);  // TLS 1.3 sends two by default; a device keeps one
  // A ticket is accepted while its key is kept: up to two rotation periods.
  SSL_CTX_set_timeout(c, static_cast<long>(2 * sealing_.keys.rotation().count()));
  SSL_CTX_set_ex_data(c, ticket_keys_index(), const_cast<TicketSealing*>(&sealing_));
  if (SSL_CTX_set_tlsext_ticket_key_evp_cb(c, ticket_callback) != 1) {
    throw std::runtime_error(openssl_error("ticket key callback"));
  }
  return ctx;
}

}  // namespace onboard::cloud::net
