// A blocking TCP or TLS client connection for tests (OpenSSL over a socket).
#pragma once

#include <openssl/ssl.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace onboard::cloud::test {

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
  bool write_all(std::string_view bytes);
  // Up to max bytes; 0 on timeout; -1 on close or error.
  long read_some(char* out, std::size_t max, std::chrono::milliseconds timeout);
  void close();
  bool is_open() const { return fd_ >= 0; }
  int fd() const { return fd_; }
  const std::string& error() const { return error_; }

 private:
  int fd_ = -1;
  SSL* ssl_ = nullptr;
  SSL_CTX* ctx_ = nullptr;
  std::string error_;
};

}  // namespace onboard::cloud::test
