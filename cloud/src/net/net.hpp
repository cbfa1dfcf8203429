// Internal to net/: stream types, the per-thread worker and the hooks every
// connection gives the worker's once-a-second sweep.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "onboard/cloud/context.hpp"
#include "tls_stream.hpp"

namespace onboard::cloud::net {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using PlainStream = tcp::socket;
using TlsStream = TlsSocket;  // see tls_stream.hpp for why not asio::ssl::stream
using SteadyClock = std::chrono::steady_clock;

template <typename Stream>
inline constexpr bool kIsTls = std::is_same_v<Stream, TlsStream>;

inline tcp::socket& lowest(PlainStream& s) {
  return s;
}
inline tcp::socket& lowest(TlsStream& s) {
  return s.next_layer();
}

// Before closing: a TLS peer is told the close is deliberate (close_notify), not a truncation.
inline void send_close_notify(PlainStream&) {}
inline void send_close_notify(TlsStream& s) {
  s.send_close_notify();
}

// A connection as its worker's sweep sees it.
class Swept {
 public:
  virtual ~Swept() = default;
  virtual void tick(SteadyClock::time_point now) = 0;
  virtual void shut_down() = 0;
};

// One io thread with its own io_context: a connection lives on one worker for
// its whole life, so its handlers never run concurrently.
struct Worker {
  asio::io_context ioc{1};
  std::vector<std::weak_ptr<Swept>> connections;  // touched on this worker's thread only
  asio::steady_timer sweep{ioc};
  std::thread thread;
};

// What connections need from the server.
struct Shared {
  Context& ctx;
  asio::thread_pool& blocking;  // the store executor: device store work, HTTP requests (and password hashing)
  std::atomic<std::uint64_t> next_id{1};
  std::atomic<bool> stopping{false};
};

// Starts the device-or-HTTP connection on a freshly accepted socket (on its worker's thread).
// `client`: the address a PROXY header gave; empty: the socket's peer.
void start_plain(Shared& shared, Worker& worker, tcp::socket socket, std::string client = {});
void start_tls(Shared& shared, Worker& worker, tcp::socket socket, SSL_CTX* tls, std::string client = {});
// With --proxy-protocol: reads the PROXY v2 header first, then starts the connection as above.
// `tls`: the TLS port's context (null: the plain port).
void read_proxy_header(Shared& shared, Worker& worker, tcp::socket socket, std::shared_ptr<SSL_CTX> tls);

}  // namespace onboard::cloud::net
