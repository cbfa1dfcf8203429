#include "support/connection.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

#include <openssl/x509.h>

namespace onboard::cloud::test {

Connection::~Connection() {
  close();
}

Connection::Connection(Connection&& o) noexcept : fd_(o.fd_), ssl_(o.ssl_), ctx_(o.ctx_) {
  o.fd_ = -1;
  o.ssl_ = nullptr;
  o.ctx_ = nullptr;
}

Connection& Connection::operator=(Connection&& o) noexcept {
  if (this != &o) {
    close();
    fd_ = o.fd_;
    ssl_ = o.ssl_;
    ctx_ = o.ctx_;
    o.fd_ = -1;
    o.ssl_ = nullptr;
    o.ctx_ = nullptr;
  }
  return *this;
}

bool Connection::open(const std::string& endpoint, bool tls, const std::string& ca_file) {
  if (!tls) return open_tcp(endpoint);
  TlsOptions options;
  options.ca_file = ca_file;
  return open_tls(endpoint, options);
}

bool Connection::open_tcp(const std::string& endpoint) {
  static const bool ignore_sigpipe = [] {
    ::signal(SIGPIPE, SIG_IGN);  // a write to a connection the server closed must fail, not kill the test
    return true;
  }();
  (void)ignore_sigpipe;
  close();
  const auto colon = endpoint.rfind(':');
  const std::string host = endpoint.substr(0, colon);
  const int port = std::stoi(endpoint.substr(colon + 1));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  inet_pton(AF_INET, host == "0.0.0.0" ? "127.0.0.1" : host.c_str(), &addr.sin_addr);
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    error_ = std::strerror(errno);
    close();
    return false;
  }
  int one = 1;
  setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return true;
}

bool Connection::open_tls(const std::string& endpoint, const TlsOptions& options) {
  if (!open_tcp(endpoint)) return false;
  ctx_ = SSL_CTX_new(TLS_client_method());
  SSL_CTX_set_min_proto_version(ctx_, options.min_version);
  if (options.max_version != 0) SSL_CTX_set_max_proto_version(ctx_, options.max_version);
  if (!options.tls12_ciphers.empty() && SSL_CTX_set_cipher_list(ctx_, options.tls12_ciphers.c_str()) != 1) {
    error_ = "bad cipher list";
    close();
    return false;
  }
  if (!options.ca_file.empty()) {
    SSL_CTX_load_verify_locations(ctx_, options.ca_file.c_str(), nullptr);
    SSL_CTX_set_verify(ctx_, SSL_VERIFY_PEER, nullptr);
  }
  // Keep tickets in the SSL_SESSION the test takes with session().
  SSL_CTX_set_session_cache_mode(ctx_, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
  ssl_ = SSL_new(ctx_);
  SSL_set_fd(ssl_, fd_);
  if (!options.ca_file.empty()) SSL_set1_host(ssl_, "localhost");
  if (options.resume) SSL_set_session(ssl_, options.resume.get());
  if (SSL_connect(ssl_) != 1) {
    error_ = "TLS handshake failed";
    close();
    return false;
  }
  // Non-blocking from here: a TLS 1.3 session ticket must not make a read block.
  ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) | O_NONBLOCK);
  return true;
}

bool Connection::write_all(std::string_view bytes) {
  while (!bytes.empty()) {
    long n = 0;
    if (ssl_ != nullptr) {
      n = SSL_write(ssl_, bytes.data(), static_cast<int>(bytes.size()));
      if (n <= 0) {
        const int e = SSL_get_error(ssl_, static_cast<int>(n));
        if (e != SSL_ERROR_WANT_WRITE && e != SSL_ERROR_WANT_READ) return false;
        pollfd p{fd_, static_cast<short>(e == SSL_ERROR_WANT_WRITE ? POLLOUT : POLLIN), 0};
        ::poll(&p, 1, 1000);
        continue;
      }
    } else {
      n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    }
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

long Connection::read_some(char* out, std::size_t max, std::chrono::milliseconds timeout) {
  if (fd_ < 0) return -1;
  if (ssl_ == nullptr || SSL_pending(ssl_) == 0) {
    pollfd p{fd_, POLLIN, 0};
    const int r = ::poll(&p, 1, static_cast<int>(timeout.count()));
    if (r == 0) return 0;
    if (r < 0) return -1;
  }
  long n = 0;
  if (ssl_ != nullptr) {
    n = SSL_read(ssl_, out, static_cast<int>(max));
    if (n <= 0) {
      const int e = SSL_get_error(ssl_, static_cast<int>(n));
      return e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE ? 0 : -1;
    }
  } else {
    n = ::recv(fd_, out, max, 0);
  }
  return n <= 0 ? -1 : n;
}

TlsSession Connection::session() const {
  if (ssl_ == nullptr) return {};
  SSL_SESSION* s = SSL_get1_session(ssl_);
  if (s == nullptr) return {};
  return TlsSession(s, SSL_SESSION_free);
}

bool Connection::resumed() const {
  return ssl_ != nullptr && SSL_session_reused(ssl_) == 1;
}

std::string Connection::peer_fingerprint() const {
  if (ssl_ == nullptr) return {};
  X509* cert = SSL_get1_peer_certificate(ssl_);
  if (cert == nullptr) return {};
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  X509_digest(cert, EVP_sha256(), digest, &size);
  X509_free(cert);
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    if (i != 0) out += ':';
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

std::string Connection::protocol() const {
  return ssl_ != nullptr ? SSL_get_version(ssl_) : "";
}

std::string Connection::cipher() const {
  return ssl_ != nullptr ? SSL_get_cipher_name(ssl_) : "";
}

void Connection::close() {
  if (ssl_ != nullptr) SSL_free(ssl_);
  if (ctx_ != nullptr) SSL_CTX_free(ctx_);
  if (fd_ >= 0) ::close(fd_);
  ssl_ = nullptr;
  ctx_ = nullptr;
  fd_ = -1;
}

}  // namespace onboard::cloud::test
