// TLS client streams to the cloud with OpenSSL 3, non-blocking from the TCP
// connect through the handshake, checking the server against --cloud-ca.
#pragma once

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "onboard/device/hal/tls.hpp"
#include "onboard/device/ports/linux/poller.hpp"
#include "onboard/device/ports/linux/slot_table.hpp"

namespace onboard::port {

// Trust rule: the PEM file holds trust anchors (CAs) and/or pinned certificates.
// A server chain that ends in one of them is accepted when the server's
// certificate matches the host name (or IP) connected to - or when the server
// presents exactly a certificate of the file (a pinned self-signed cloud
// certificate is trusted whatever name or address reached it).
// Without a CA file every connect fails with TlsCertificate and a log line:
// the device never talks TLS without checking who answers.
class OpenSslTls final : public hal::Tls, public PollSource {
 public:
  static constexpr std::size_t kMaxSessions = 4;
  using LogFn = std::function<void(std::string_view)>;

  // ca_file may be empty (TLS refused). Check ok() / error() for a file that
  // could not be loaded.
  OpenSslTls(const std::string& ca_file, LogFn log);
  OpenSslTls(const OpenSslTls&) = delete;
  OpenSslTls& operator=(const OpenSslTls&) = delete;
  ~OpenSslTls();

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  hal::Handle connect(std::string_view host, std::uint16_t port) override;
  hal::StreamState state(hal::Handle stream) const override;
  hal::StreamFailure failure(hal::Handle stream) const override;
  hal::IoResult send(hal::Handle stream, const std::uint8_t* data, std::size_t length) override;
  hal::IoResult receive(hal::Handle stream, std::uint8_t* out, std::size_t capacity) override;
  void close(hal::Handle stream) override;

  void add_to(Poller& poller) const override;

 private:
  enum class Phase : std::uint8_t { TcpConnecting, Handshaking, Open, Closed, Failed };
  struct Entry {
    bool used = false;
    int fd = -1;
    SSL* ssl = nullptr;
    Phase phase = Phase::Failed;
    bool want_write = false;
    hal::StreamFailure failure = hal::StreamFailure::None;
    std::string host;
  };
  bool load_ca(const std::string& ca_file);
  void advance(Entry& entry) const;
  void handshake(Entry& entry) const;
  void fail(Entry& entry, hal::StreamFailure why, std::string_view detail) const;
  // The part send and receive share: phase checks, then one SSL_*_ex call
  // (op) with OpenSSL's retry codes mapped to the HAL's I/O results.
  template <typename Op>
  hal::IoResult transfer(hal::Handle stream, std::size_t length, std::string_view what, Op op);
  static int verify_callback(int preverify_ok, X509_STORE_CTX* store);

  SSL_CTX* ctx_ = nullptr;
  STACK_OF(X509) * pinned_ = nullptr;  // every certificate of the CA file
  bool have_ca_ = false;
  std::string error_;
  LogFn log_;
  mutable SlotTable<Entry, kMaxSessions> table_;
};

}  // namespace onboard::port
