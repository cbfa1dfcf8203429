#include "tls_test_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <stdexcept>

namespace onboard::port::testing {

TlsTestServer::TlsTestServer(const KeyAndCert& identity) {
  std::signal(SIGPIPE, SIG_IGN);  // a client that hangs up must not kill the test
  ctx_ = SSL_CTX_new(TLS_server_method());
  BIO* bio = BIO_new_mem_buf(identity.cert_pem.data(), static_cast<int>(identity.cert_pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  bio = BIO_new_mem_buf(identity.key_pem.data(), static_cast<int>(identity.key_pem.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  if (SSL_CTX_use_certificate(ctx_, cert) != 1 || SSL_CTX_use_PrivateKey(ctx_, key) != 1)
    throw std::runtime_error("test server: bad identity");
  X509_free(cert);
  EVP_PKEY_free(key);

  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::listen(listen_fd_, 1);
  socklen_t length = sizeof address;
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length);
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { serve(); });
}

TlsTestServer::~TlsTestServer() {
  stop_ = true;
  thread_.join();
  ::close(listen_fd_);
  SSL_CTX_free(ctx_);
}

void TlsTestServer::serve() {
  // Every wait is bounded by polling stop_, so a test that fails early never hangs.
  pollfd listener{listen_fd_, POLLIN, 0};
  while (!stop_ && ::poll(&listener, 1, 20) == 0) {
  }
  if (stop_) return;
  const int fd = ::accept(listen_fd_, nullptr, nullptr);
  if (fd < 0) return;
  timeval timeout{0, 20 * 1000};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  SSL* ssl = SSL_new(ctx_);
  SSL_set_fd(ssl, fd);
  int result = 0;
  while (!stop_ && (result = SSL_accept(ssl)) != 1) {
    const int error = SSL_get_error(ssl, result);
    if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE) break;
  }
  if (result == 1) {
    handshake_done_ = true;
    char buffer[256];
    while (!stop_) {
      const int got = SSL_read(ssl, buffer, sizeof buffer);
      if (got > 0) {
        SSL_write(ssl, buffer, got);
        continue;
      }
      const int error = SSL_get_error(ssl, got);
      if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE) break;
    }
    SSL_shutdown(ssl);
  }
  ERR_clear_error();
  SSL_free(ssl);
  ::close(fd);
}

}  // namespace onboard::port::testing
