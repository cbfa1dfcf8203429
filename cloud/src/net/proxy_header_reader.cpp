// --proxy-protocol: HAProxy (send-proxy-v2) puts a header with the client's address before
// the connection's first byte. It is read here in exactly its own length (16 bytes, then
// the length they announce), so not one byte of the device's or browser's data is taken.
#include <boost/asio/read.hpp>

#include <array>

#include <spdlog/spdlog.h>

#include "net.hpp"
#include "onboard/cloud/cluster/proxy_protocol.hpp"

namespace onboard::cloud::net {

namespace {

constexpr std::size_t kFixedPart = 16;

class ProxyHeaderReader : public std::enable_shared_from_this<ProxyHeaderReader> {
 public:
  ProxyHeaderReader(Shared& shared, Worker& worker, tcp::socket socket, std::shared_ptr<SSL_CTX> tls)
      : shared_(shared),
        worker_(worker),
        socket_(std::move(socket)),
        timer_(worker.ioc),
        tls_(std::move(tls)) {}

  void start() {
    // A connection that never sends its header is closed like one that never logs in.
    timer_.expires_after(std::chrono::seconds(shared_.ctx.config.login_timeout));
    timer_.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
      if (ec) return;
      if (auto self = weak.lock()) {
        boost::system::error_code ignored;
        self->socket_.close(ignored);
      }
    });
    read(kFixedPart);
  }

 private:
  void read(std::size_t until) {
    asio::async_read(socket_, asio::buffer(header_.data() + have_, until - have_),
                     [self = shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
                       self->have_ += n;
                       self->on_read(ec);
                     });
  }

  void on_read(const boost::system::error_code& ec) {
    if (ec) return done();  // closed before the header (HAProxy's TCP check, a timeout)
    const auto header = parse_proxy_header(std::string_view(header_.data(), have_));
    if (header.status == ProxyHeader::Status::Malformed) {
      spdlog::info("connection without a valid PROXY v2 header closed (--proxy-protocol is on): {}",
                   header.error);
      return done();
    }
    if (header.status == ProxyHeader::Status::NeedMore) {
      // parse_proxy_header saw the 16 fixed bytes: the announced length is within kProxyHeaderMax.
      const std::size_t announced =
          kFixedPart + ((static_cast<std::size_t>(static_cast<unsigned char>(header_[14])) << 8) |
                        static_cast<unsigned char>(header_[15]));
      return read(announced);
    }
    timer_.cancel();
    if (tls_) {
      start_tls(shared_, worker_, std::move(socket_), tls_.get(), header.source_address);
    } else {
      start_plain(shared_, worker_, std::move(socket_), header.source_address);
    }
  }

  void done() {
    timer_.cancel();
    boost::system::error_code ignored;
    socket_.close(ignored);
  }

  Shared& shared_;
  Worker& worker_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  std::shared_ptr<SSL_CTX> tls_;
  std::array<char, kProxyHeaderMax> header_{};
  std::size_t have_ = 0;
};

}  // namespace

void read_proxy_header(Shared& shared, Worker& worker, tcp::socket socket, std::shared_ptr<SSL_CTX> tls) {
  std::make_shared<ProxyHeaderReader>(shared, worker, std::move(socket), std::move(tls))->start();
}

}  // namespace onboard::cloud::net
