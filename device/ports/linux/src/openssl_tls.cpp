#include "onboard/device/ports/linux/openssl_tls.hpp"

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>

#include "onboard/device/ports/linux/tcp_connect.hpp"

namespace onboard::port {

using hal::Handle;
using hal::IoResult;
using hal::StreamFailure;
using hal::StreamState;

namespace {

std::string openssl_errors() {
  std::string text;
  while (const unsigned long code = ERR_get_error()) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    if (!text.empty()) text += "; ";
    text += buffer;
  }
  return text;
}

bool is_ip_literal(const std::string& host) {
  in_addr v4{};
  in6_addr v6{};
  return inet_pton(AF_INET, host.c_str(), &v4) == 1 || inet_pton(AF_INET6, host.c_str(), &v6) == 1;
}

}  // namespace

OpenSslTls::OpenSslTls(const std::string& ca_file, LogFn log) : log_(std::move(log)) {
  // OpenSSL writes to its socket with write(), not send(MSG_NOSIGNAL): a cloud
  // that vanished would kill the device with SIGPIPE. Ignore it unless the
  // program already chose a handler.
  struct sigaction current {};
  if (sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL)
    std::signal(SIGPIPE, SIG_IGN);
  ctx_ = SSL_CTX_new(TLS_client_method());
  if (ctx_ == nullptr) {
    error_ = "TLS: cannot create a context: " + openssl_errors();
    return;
  }
  SSL_CTX_set_min_proto_version(ctx_, TLS1_2_VERSION);
  // The cloud may close without close_notify; that is an end of stream, not an attack
  // on a length-delimited protocol like Blynk's.
  SSL_CTX_set_options(ctx_, SSL_OP_IGNORE_UNEXPECTED_EOF);
  // The core retries a send with whatever it still has, from its own buffer.
  SSL_CTX_set_mode(ctx_, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  SSL_CTX_set_app_data(ctx_, this);
  SSL_CTX_set_verify(ctx_, SSL_VERIFY_PEER, &OpenSslTls::verify_callback);
  if (!ca_file.empty()) have_ca_ = load_ca(ca_file);
}

OpenSslTls::~OpenSslTls() {
  for (std::size_t i = 0; i < kMaxSessions; ++i) close(static_cast<Handle>(i));
  if (pinned_ != nullptr) sk_X509_pop_free(pinned_, X509_free);
  SSL_CTX_free(ctx_);
}

bool OpenSslTls::load_ca(const std::string& ca_file) {
  FILE* file = std::fopen(ca_file.c_str(), "r");
  if (file == nullptr) {
    error_ = "TLS: cannot read --cloud-ca " + ca_file;
    return false;
  }
  pinned_ = sk_X509_new_null();
  X509_STORE* store = SSL_CTX_get_cert_store(ctx_);
  while (X509* cert = PEM_read_X509(file, nullptr, nullptr, nullptr)) {
    X509_STORE_add_cert(store, cert);
    sk_X509_push(pinned_, cert);
  }
  std::fclose(file);
  ERR_clear_error();  // the loop ends on "no start line"
  if (sk_X509_num(pinned_) == 0) {
    error_ = "TLS: no PEM certificate in --cloud-ca " + ca_file;
    return false;
  }
  // An intermediate or a leaf in the file is a trust anchor too.
  X509_STORE_set_flags(store, X509_V_FLAG_PARTIAL_CHAIN);
  return true;
}

int OpenSslTls::verify_callback(int preverify_ok, X509_STORE_CTX* store) {
  if (preverify_ok == 1) return 1;
  const int error = X509_STORE_CTX_get_error(store);
  if (error != X509_V_ERR_HOSTNAME_MISMATCH && error != X509_V_ERR_IP_ADDRESS_MISMATCH) return 0;
  // A name mismatch is forgiven only for a certificate pinned in the file.
  auto* ssl = static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
  const auto* self = static_cast<const OpenSslTls*>(SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl)));
  X509* leaf = X509_STORE_CTX_get_current_cert(store);
  for (int i = 0; self != nullptr && leaf != nullptr && i < sk_X509_num(self->pinned_); ++i)
    if (X509_cmp(leaf, sk_X509_value(self->pinned_, i)) == 0) return 1;
  return 0;
}

void OpenSslTls::fail(Entry& entry, StreamFailure why, std::string_view detail) const {
  entry.phase = Phase::Failed;
  entry.failure = why;
  if (log_) log_(std::string("TLS to ") + entry.host + " failed: " + std::string(detail));
}

Handle OpenSslTls::connect(std::string_view host, std::uint16_t port) {
  const Handle handle = table_.allocate();
  Entry* entry = table_.find(handle);
  if (entry == nullptr) return hal::kNoHandle;
  entry->host = std::string(host);
  if (!have_ca_) {
    fail(*entry, StreamFailure::TlsCertificate,
         error_.empty() ? "no --cloud-ca given, refusing to talk TLS to a server it cannot check "
                          "(give --cloud-ca FILE, or provision a plain port: onboard add-device --plain)"
                        : error_);
    return handle;
  }
  const ConnectStart start = start_tcp_connect(host, port);
  if (start.fd < 0) {
    fail(*entry, start.failure, "TCP connect");
    return handle;
  }
  entry->fd = start.fd;
  entry->ssl = SSL_new(ctx_);
  SSL_set_fd(entry->ssl, entry->fd);
  if (is_ip_literal(entry->host)) {
    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(entry->ssl), entry->host.c_str());
  } else {
    // SSL_set_tlsext_host_name() is a macro with a C cast; this is what it expands to.
    SSL_ctrl(entry->ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, entry->host.data());
    SSL_set1_host(entry->ssl, entry->host.c_str());
  }
  entry->phase = Phase::TcpConnecting;
  advance(*entry);
  return handle;
}

void OpenSslTls::advance(Entry& entry) const {
  if (entry.phase == Phase::TcpConnecting) {
    StreamFailure why = StreamFailure::None;
    switch (poll_tcp_connect(entry.fd, &why)) {
      case ConnectProgress::Pending: return;
      case ConnectProgress::Failed: fail(entry, why, "TCP connect"); return;
      case ConnectProgress::Done: entry.phase = Phase::Handshaking; break;
    }
  }
  if (entry.phase == Phase::Handshaking) handshake(entry);
}

void OpenSslTls::handshake(Entry& entry) const {
  ERR_clear_error();
  const int result = SSL_connect(entry.ssl);
  if (result == 1) {
    entry.phase = Phase::Open;
    entry.want_write = false;
    return;
  }
  const int error = SSL_get_error(entry.ssl, result);
  if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
    entry.want_write = error == SSL_ERROR_WANT_WRITE;
    return;
  }
  const long verify = SSL_get_verify_result(entry.ssl);
  if (verify != X509_V_OK) {
    fail(entry, StreamFailure::TlsCertificate,
         std::string("server certificate not trusted: ") + X509_verify_cert_error_string(verify));
    return;
  }
  const std::string detail = openssl_errors();
  fail(entry, StreamFailure::TlsHandshake,
       "handshake: " + (detail.empty() ? std::string("connection closed") : detail));
}

StreamState OpenSslTls::state(Handle stream) const {
  Entry* entry = table_.find(stream);
  if (entry == nullptr) return StreamState::Closed;
  advance(*entry);
  switch (entry->phase) {
    case Phase::TcpConnecting:
    case Phase::Handshaking: return StreamState::Connecting;
    case Phase::Open: return StreamState::Connected;
    case Phase::Closed: return StreamState::Closed;
    case Phase::Failed: break;
  }
  return StreamState::Failed;
}

StreamFailure OpenSslTls::failure(Handle stream) const {
  const Entry* entry = table_.find(stream);
  return entry == nullptr ? StreamFailure::None : entry->failure;
}

template <typename Op>
IoResult OpenSslTls::transfer(Handle stream, std::size_t length, std::string_view what, Op op) {
  Entry* entry = table_.find(stream);
  if (entry == nullptr) return hal::kIoError;
  advance(*entry);
  if (entry->phase == Phase::TcpConnecting || entry->phase == Phase::Handshaking) return 0;
  if (entry->phase == Phase::Closed) return hal::kIoClosed;
  if (entry->phase != Phase::Open) return hal::kIoError;
  if (length == 0) return 0;
  ERR_clear_error();
  std::size_t moved = 0;
  if (op(entry->ssl, &moved) == 1) return static_cast<IoResult>(moved);
  switch (SSL_get_error(entry->ssl, 0)) {
    case SSL_ERROR_WANT_READ:
    case SSL_ERROR_WANT_WRITE: return 0;
    case SSL_ERROR_ZERO_RETURN: entry->phase = Phase::Closed; return hal::kIoClosed;
    default:
      fail(*entry, StreamFailure::Other, std::string(what) + ": " + openssl_errors());
      return hal::kIoError;
  }
}

IoResult OpenSslTls::send(Handle stream, const std::uint8_t* data, std::size_t length) {
  return transfer(stream, length, "write",
                  [&](SSL* ssl, std::size_t* moved) { return SSL_write_ex(ssl, data, length, moved); });
}

IoResult OpenSslTls::receive(Handle stream, std::uint8_t* out, std::size_t capacity) {
  return transfer(stream, capacity, "read",
                  [&](SSL* ssl, std::size_t* moved) { return SSL_read_ex(ssl, out, capacity, moved); });
}

void OpenSslTls::close(Handle stream) {
  Entry* entry = table_.find(stream);
  if (entry == nullptr) return;
  if (entry->ssl != nullptr) {
    // Best effort close_notify; never waits for the peer's.
    if (entry->phase == Phase::Open) SSL_shutdown(entry->ssl);
    SSL_free(entry->ssl);
  }
  if (entry->fd >= 0) ::close(entry->fd);
  ERR_clear_error();
  table_.release(stream);
}

void OpenSslTls::add_to(Poller& poller) const {
  table_.for_each([&](const Entry& entry) {
    switch (entry.phase) {
      case Phase::TcpConnecting: poller.add(entry.fd, POLLOUT); break;
      case Phase::Handshaking: poller.add(entry.fd, entry.want_write ? POLLOUT : POLLIN); break;
      case Phase::Open:
        poller.add(entry.fd, POLLIN);
        if (SSL_has_pending(entry.ssl) == 1) poller.wake_now();
        break;
      case Phase::Closed:
      case Phase::Failed: break;
    }
  });
}

}  // namespace onboard::port
