// A blocking TCP or TLS client connection for tests (OpenSSL over a socket).
#pragma once

#include <openssl/ssl.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace onboard::cloud::test {

// A TLS session a later connection may resume.
using TlsSession = std::shared_ptr<SSL_SESSION>;

struct TlsOptions {
  std::string ca_file;        // verify the server against this PEM (empty: no verification)
  TlsSession resume;          // offer this session
  std::string tls12_ciphers;  // restrict the TLS 1.2 suites offered (OpenSSL cipher list)
  int min_version = TLS1_2_VERSION;
  int max_version = 0;  // e.g. TLS1_2_VERSION; 0: the library's newest
};

class Connection {
 public:
  Connection() = default;
  ~Connection();
  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // "127.0.0.1:1234"; tls: handshake without verifying the certificate
  // (unless ca_file is set). Returns false (and error()) on failure.
  bool open(const std::string& endpoint, bool tls, const std::string& ca_file = {});
  bool open_tls(const std::string& endpoint, const TlsOptions& options);
  bool write_all(std::string_view bytes);
  // Up to max bytes; 0 on timeout; -1 on close or error.
  long read_some(char* out, std::size_t max, std::chrono::milliseconds timeout);
  void close();
  bool is_open() const { return fd_ >= 0; }
  int fd() const { return fd_; }
  const std::string& error() const { return error_; }

  // TLS only. The session to offer next time (after the server's ticket has
  // been read: read something first on TLS 1.3); whether this connection
  // resumed one; the server certificate's SHA-256 ("AB:CD:..."); "TLSv1.3".
  TlsSession session() const;
  bool resumed() const;
  std::string peer_fingerprint() const;
  std::string protocol() const;
  std::string cipher() const;

 private:
  bool open_tcp(const std::string& endpoint);

  int fd_ = -1;
  SSL* ssl_ = nullptr;
  SSL_CTX* ctx_ = nullptr;
  std::string error_;
};

}  // namespace onboard::cloud::test
