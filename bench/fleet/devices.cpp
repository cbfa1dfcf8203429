#include "devices.hpp"

#include <netinet/in.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <deque>
#include <iostream>
#include <memory>
#include <optional>
#include <random>

#include "onboard/protocol/blynk/frame.hpp"
#include "onboard/protocol/blynk/frame_decoder.hpp"
#include "stats.hpp"

#ifndef IP_BIND_ADDRESS_NO_PORT
#define IP_BIND_ADDRESS_NO_PORT 24
#endif

namespace onboard::fleet {

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using PlainStream = tcp::socket;
using TlsStream = asio::ssl::stream<tcp::socket>;
using blynk::Command;
using blynk::Status;

std::uint64_t now_ns() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000ULL + static_cast<std::uint64_t>(ts.tv_nsec);
}

tcp::socket& lowest(PlainStream& s) {
  return s;
}
tcp::socket& lowest(TlsStream& s) {
  return s.next_layer();
}

std::string encode(Command command, std::uint16_t id, std::string_view body) {
  std::string frame(blynk::kHeaderSize + body.size(), '\0');
  blynk::encode_message(command, id, body, reinterpret_cast<std::uint8_t*>(frame.data()), frame.size());
  return frame;
}

// A block of equal-sized vw frames ("vw" NUL pin NUL 5-digit value), pins 0..3,
// message ids 1..kBlockFrames; devices send slices of it.
constexpr std::size_t kBlockFrames = 128;
std::string make_vw_block(std::size_t& frame_size) {
  std::string block;
  for (std::size_t i = 0; i < kBlockFrames; ++i) {
    char value[8];
    std::snprintf(value, sizeof value, "%05zu", (i * 7919) % 100000);
    std::string body = "vw";
    body.push_back('\0');
    body += std::to_string(i % 4);
    body.push_back('\0');
    body += value;
    const auto frame = encode(Command::Hardware, static_cast<std::uint16_t>(i + 1), body);
    frame_size = frame.size();
    block += frame;
  }
  return block;
}

// A PROXY v2 header (PROXY, TCP over IPv4) naming the socket's own two ends, as HAProxy
// sends it in front of a node run with --proxy-protocol.
std::array<std::uint8_t, 28> proxy_v2_header(tcp::socket& socket) {
  std::array<std::uint8_t, 28> h{0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51,
                                 0x55, 0x49, 0x54, 0x0A, 0x21, 0x11, 0x00, 0x0C};
  boost::system::error_code ec;
  const auto local = socket.local_endpoint(ec);
  const auto remote = socket.remote_endpoint(ec);
  const auto src = local.address().to_v4().to_bytes();
  const auto dst = remote.address().to_v4().to_bytes();
  std::copy(src.begin(), src.end(), h.begin() + 16);
  std::copy(dst.begin(), dst.end(), h.begin() + 20);
  h[24] = static_cast<std::uint8_t>(local.port() >> 8);
  h[25] = static_cast<std::uint8_t>(local.port() & 0xFF);
  h[26] = static_cast<std::uint8_t>(remote.port() >> 8);
  h[27] = static_cast<std::uint8_t>(remote.port() & 0xFF);
  return h;
}

template <typename Stream>
class Pool;

template <typename Stream>
class Device {
 public:
  Device(Pool<Stream>& pool, std::size_t index, bool writes_vw)
      : pool_(pool), index_(index), writes_vw_(writes_vw), port_index_(pool.first_port(index)) {}

  void start() {
    // A reconnect (--reconnect) starts afresh. The old connection's handlers have run by
    // now: close() aborts them at once, and a restart waits for the next tick.
    decoder_.reset();
    pending_.clear();
    out_.clear();
    writing_ = false;
    ping_out_ = false;
    vw_on_ = false;
    state_ = State::Connecting;
    ++pool_.counters().connect_started;
    stream_.emplace(pool_.make_stream());
    if constexpr (std::is_same_v<Stream, TlsStream>) {
      if (auto* session = pool_.tls_session()) SSL_set_session(stream_->native_handle(), session);
    }
    auto& socket = lowest(*stream_);
    boost::system::error_code ec;
    socket.open(tcp::v4(), ec);
    if (!ec) {
      // The port is picked at connect time, per (source, destination): each source
      // address has its own ephemeral port range.
      int one = 1;
      ::setsockopt(socket.native_handle(), IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
      socket.bind(tcp::endpoint(pool_.source_address(index_), 0), ec);
    }
    if (ec) return fail(ec, "bind");
    socket.async_connect(pool_.server(port_index_), [this](const boost::system::error_code& error) {
      if (error) return fail(error, "connect");
      boost::system::error_code ignored;
      lowest(*stream_).set_option(tcp::no_delay(true), ignored);
      if (pool_.proxy_v2()) {
        // 28 bytes on a socket that just connected: the send buffer takes them at once.
        const auto header = proxy_v2_header(lowest(*stream_));
        asio::write(lowest(*stream_), asio::buffer(header), ignored);
        if (ignored) return fail(ignored, "PROXY header");
      }
      if constexpr (std::is_same_v<Stream, TlsStream>) {
        stream_->async_handshake(asio::ssl::stream_base::client, [this](const boost::system::error_code& e) {
          if (e) return fail(e, "TLS handshake");
          if (SSL_session_reused(stream_->native_handle()) == 1) ++pool_.counters().tls_resumed;
          log_in();
        });
      } else {
        log_in();
      }
    });
  }

  void tick(std::uint64_t now) {
    if (state_ == State::Closed && retry_at_ns_ != 0 && now >= retry_at_ns_) {
      retry_at_ns_ = 0;
      pool_.queue_restart(index_);
    }
    if (state_ != State::Ready) return;
    if (!ping_out_ && now >= next_ping_ns_) {
      ping_out_ = true;
      ping_id_ = next_id();
      ping_sent_ns_ = now;
      next_ping_ns_ = now + pool_.ping_interval_ns();
      ++pool_.counters().pings_sent;
      pending_ += encode(Command::Ping, ping_id_, {});
      kick_write();
    }
    if (vw_on_ && pool_.vw_rate() > 0) {
      const double due = pool_.vw_rate() * static_cast<double>(now - vw_start_ns_) / 1e9;
      const auto owed = static_cast<std::uint64_t>(due) -
                        std::min<std::uint64_t>(vw_queued_, static_cast<std::uint64_t>(due));
      if (owed > 0 && pending_.size() < 16384) queue_vw(std::min<std::uint64_t>(owed, kBlockFrames));
      kick_write();
    }
  }

  void start_vw(std::uint64_t now) {
    if (!writes_vw_ || vw_on_ || state_ != State::Ready) return;
    vw_on_ = true;
    vw_start_ns_ = now;
    if (pool_.vw_rate() <= 0) {
      queue_vw(kBlockFrames);
      kick_write();
    }
  }

 private:
  enum class State : std::uint8_t { Idle, Connecting, LoggingIn, Informing, Ready, Closed };

  std::uint16_t next_id() {
    // Ids above 0x8000 for login, info and pings; the vw block uses 1..128.
    if (++id_ == 0) id_ = 0x8000;
    return static_cast<std::uint16_t>(id_ | 0x8000);
  }

  void log_in() {
    state_ = State::LoggingIn;
    login_id_ = next_id();
    pending_ += encode(Command::HwLogin, login_id_, pool_.token(index_));
    kick_write();
    do_read();
  }

  void send_info() {
    state_ = State::Informing;
    info_id_ = next_id();
    pending_ += encode(Command::Internal, info_id_, pool_.info_body());
    kick_write();
  }

  void queue_vw(std::uint64_t frames) {
    const auto& block = pool_.vw_block();
    const std::size_t size = pool_.vw_frame_size();
    while (frames > 0) {
      const std::size_t take = std::min<std::size_t>(frames, kBlockFrames - vw_offset_);
      pending_.append(block, vw_offset_ * size, take * size);
      vw_offset_ = (vw_offset_ + take) % kBlockFrames;
      vw_queued_ += take;
      pool_.counters().vw_sent += take;
      frames -= take;
    }
  }

  void kick_write() {
    if (writing_ || pending_.empty() || state_ == State::Closed) return;
    writing_ = true;
    out_.swap(pending_);
    pending_.clear();
    asio::async_write(*stream_, asio::buffer(out_), [this](const boost::system::error_code& ec, std::size_t) {
      writing_ = false;
      out_.clear();
      if (ec) return lost(ec);
      if (vw_on_ && pool_.vw_rate() <= 0 && pending_.size() < 4096) queue_vw(kBlockFrames);
      kick_write();
    });
  }

  void do_read() {
    stream_->async_read_some(asio::buffer(read_), [this](const boost::system::error_code& ec, std::size_t n) {
      if (ec) return lost(ec);
      std::size_t offset = 0;
      while (offset < n && state_ != State::Closed) {
        const auto r = decoder_.feed(read_.data() + offset, n - offset);
        offset += r.consumed;
        if (r.status == blynk::DecodeStatus::NeedMore) break;
        if (r.status == blynk::DecodeStatus::Error) return lost(boost::system::error_code());
        on_frame(decoder_.frame());
      }
      if (state_ != State::Closed) do_read();
    });
  }

  void on_frame(const blynk::Frame& frame) {
    if (!frame.header.is_response()) return;  // pushes from the server: nothing to do
    const auto id = frame.header.message_id;
    const auto status = static_cast<Status>(frame.header.length);
    auto& c = pool_.counters();
    if (status == Status::QuotaLimit) ++c.quota;
    if (state_ == State::LoggingIn && id == login_id_) {
      c.last_login_ns = now_ns();
      if (status != Status::Success) {
        ++c.logins_refused;
        return drop();
      }
      ++c.logins_ok;
      // The login answer came after the TLS 1.3 ticket: the session is resumable now.
      if constexpr (std::is_same_v<Stream, TlsStream>) pool_.keep_session(stream_->native_handle());
      return send_info();
    }
    if (state_ == State::Informing && id == info_id_) {
      if (status != Status::Success) {
        ++c.info_refused;
        return drop();
      }
      const auto now = now_ns();
      state_ = State::Ready;
      if (was_ready_) ++c.reconnects;
      was_ready_ = true;
      ++c.ready;
      ++c.held;
      c.last_ready_ns = now;
      next_ping_ns_ = now + pool_.first_ping_delay_ns();
      pool_.device_settled();
      if (pool_.vw_active()) start_vw(now);
      return;
    }
    if (ping_out_ && id == ping_id_) {
      ping_out_ = false;
      ++c.pongs;
      pool_.rtt().add((now_ns() - ping_sent_ns_) / 1000);
    }
  }

  void fail(const boost::system::error_code& ec, const char* what) {
    if (retrying()) {
      // A reconnect that failed (its node is gone too): the next node, after a delay.
      close();
      pool_.device_settled();
      return retry_later();
    }
    ++pool_.counters().connect_failed;
    pool_.note_error(what, ec);
    close();
    pool_.device_settled();
  }

  // The connection went away (server closed, reset, malformed data).
  void lost(const boost::system::error_code& ec) {
    if (state_ == State::Closed) return;
    if (state_ == State::Ready) {
      auto& c = pool_.counters();
      --c.held;
      ++c.closed;
      if (c.first_lost_ns == 0) c.first_lost_ns = now_ns();
      pool_.note_error("connection lost", ec);
      close();
      if (pool_.reconnect_spread_ns() >= 0) retry_later();
      return;
    }
    fail(ec, state_ == State::Connecting ? "connect" : "login");
  }

  // Refused by the server: counted by the caller.
  void drop() {
    close();
    pool_.device_settled();
    if (retrying()) retry_later();
  }

  // With --reconnect, a device that was ready once keeps trying until it is ready again.
  bool retrying() const { return was_ready_ && pool_.reconnect_spread_ns() >= 0; }

  void retry_later() {
    port_index_ = pool_.next_port(port_index_);
    retry_at_ns_ = now_ns() + pool_.reconnect_delay_ns();
  }

  void close() {
    state_ = State::Closed;
    vw_on_ = false;
    boost::system::error_code ignored;
    if (stream_) lowest(*stream_).close(ignored);
  }

  Pool<Stream>& pool_;
  std::size_t index_;
  bool writes_vw_;
  State state_ = State::Idle;
  std::optional<Stream> stream_;
  blynk::StaticFrameDecoder<256> decoder_;
  std::array<std::uint8_t, 256> read_{};
  std::string pending_;
  std::string out_;
  bool writing_ = false;
  std::uint32_t id_ = 0;
  std::uint16_t login_id_ = 0;
  std::uint16_t info_id_ = 0;
  std::uint16_t ping_id_ = 0;
  bool ping_out_ = false;
  bool was_ready_ = false;
  std::uint32_t port_index_ = 0;
  std::uint64_t retry_at_ns_ = 0;  // with --reconnect: when to connect again (0: not waiting)
  std::uint64_t ping_sent_ns_ = 0;
  std::uint64_t next_ping_ns_ = 0;
  bool vw_on_ = false;
  std::uint64_t vw_start_ns_ = 0;
  std::uint64_t vw_queued_ = 0;
  std::size_t vw_offset_ = 0;
};

template <typename Stream>
class Pool {
 public:
  explicit Pool(const DeviceOptions& o)
      : o_(o),
        tls_(asio::ssl::context::tls_client),
        address_(asio::ip::make_address(o.host)),
        timer_(ioc_),
        report_timer_(ioc_),
        signals_(ioc_, SIGTERM, SIGINT),
        vw_signal_(ioc_, SIGUSR1),
        rng_(static_cast<std::uint32_t>(o.shard * 7919 + 1)) {
    for (const auto port : o.ports.empty() ? std::vector<std::uint16_t>{o.port} : o.ports) {
      servers_.emplace_back(address_, port);
    }
    tls_.set_verify_mode(asio::ssl::verify_none);  // a bench: the server's self-signed certificate
    SSL_CTX_set_mode(tls_.native_handle(), SSL_MODE_RELEASE_BUFFERS);
    if (o.tls12) SSL_CTX_set_max_proto_version(tls_.native_handle(), TLS1_2_VERSION);
    SSL_CTX_set_session_cache_mode(tls_.native_handle(),
                                   SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    vw_block_ = make_vw_block(vw_frame_size_);
    info_ = "ver";
    auto add = [&](std::string_view f) {
      info_.push_back('\0');
      info_.append(f);
    };
    add("0.1.0");
    add("h-beat");
    add(std::to_string(o.heartbeat));
    add("buff-in");
    add("1024");
    add("dev");
    add("onboard-fleet");
    add("tmpl");
    add(o.template_id);
    for (std::size_t i = 0; i < o.tokens.size(); ++i) {
      devices_.push_back(std::make_unique<Device<Stream>>(*this, i, i < o.vw_devices));
    }
    vw_active_ = o.vw_now;
  }

  int run() {
    signals_.async_wait([this](const boost::system::error_code& ec, int) {
      if (ec) return;
      report(true);
      ::_exit(0);  // every socket closes with the process; nothing else to tidy
    });
    wait_vw_signal();
    start_more();
    schedule_tick();
    schedule_report();
    ioc_.run();
    return 0;
  }

  ~Pool() {
    if (session_ != nullptr) SSL_SESSION_free(session_);
  }

  // With --tls-resume: the session the next connection offers, the newest
  // resumable one (on TLS 1.3 each resumption brings a fresh ticket).
  SSL_SESSION* tls_session() const { return session_; }
  void keep_session(SSL* ssl) {
    if (!o_.tls_resume) return;
    SSL_SESSION* s = SSL_get1_session(ssl);
    if (s == nullptr) return;
    if (SSL_SESSION_is_resumable(s) != 1) {
      SSL_SESSION_free(s);
      return;
    }
    if (session_ != nullptr) SSL_SESSION_free(session_);
    session_ = s;
  }

  // For the devices.
  Stream make_stream() {
    if constexpr (std::is_same_v<Stream, TlsStream>) {
      return Stream(ioc_, tls_);
    } else {
      return Stream(ioc_);
    }
  }
  asio::ip::address_v4 source_address(std::size_t i) const {
    const auto a = (o_.first_index + i) % static_cast<std::size_t>(o_.sources);
    return asio::ip::address_v4(
        static_cast<std::uint32_t>((127u << 24) | (1u << 16) | ((a / 250) << 8) | (a % 250 + 1)));
  }
  const tcp::endpoint& server(std::uint32_t port_index) const { return servers_[port_index]; }
  std::uint32_t first_port(std::size_t i) const {
    return static_cast<std::uint32_t>((o_.first_index + i) % servers_.size());
  }
  // Another node, at random: the devices of a node that died spread over the others (as
  // HAProxy's leastconn would), instead of all landing on one and pushing it past its
  // open-file cap.
  std::uint32_t next_port(std::uint32_t port_index) {
    const auto n = servers_.size();
    if (n < 2) return port_index;
    const auto step = 1 + rng_() % (n - 1);
    return static_cast<std::uint32_t>((port_index + step) % n);
  }
  bool proxy_v2() const { return o_.proxy_v2; }
  double reconnect_spread_ns() const { return o_.reconnect_spread < 0 ? -1 : o_.reconnect_spread * 1e9; }
  std::uint64_t reconnect_delay_ns() {
    std::uniform_real_distribution<double> spread(0.0, o_.reconnect_spread * 1e9);
    return static_cast<std::uint64_t>(spread(rng_));
  }
  // A device to connect again once the connect window has room.
  void queue_restart(std::size_t i) {
    restart_.push_back(i);
    asio::post(ioc_, [this] { start_more(); });
  }
  const std::string& token(std::size_t i) const { return o_.tokens[i]; }
  const std::string& info_body() const { return info_; }
  const std::string& vw_block() const { return vw_block_; }
  std::size_t vw_frame_size() const { return vw_frame_size_; }
  double vw_rate() const { return o_.vw_rate; }
  bool vw_active() const { return vw_active_; }
  Counters& counters() { return report_.c; }
  Histogram& rtt() { return report_.rtt; }
  std::uint64_t ping_interval_ns() const { return static_cast<std::uint64_t>(o_.ping_interval * 1e9); }
  std::uint64_t first_ping_delay_ns() {
    std::uniform_real_distribution<double> spread(0.1, 1.0);
    return static_cast<std::uint64_t>(spread(rng_) * o_.ping_interval * 1e9);
  }

  void device_settled() {
    --in_flight_;
    asio::post(ioc_, [this] { start_more(); });
  }

  void note_error(const char* what, const boost::system::error_code& ec) {
    if (errors_shown_ >= 5) return;
    ++errors_shown_;
    std::cerr << "onboard-fleet[" << o_.shard << "]: " << what << ": " << ec.message() << "\n";
  }

 private:
  void start_more() {
    // --tls-resume: the first device alone, until its login has given the session the others offer.
    if (o_.tls && o_.tls_resume && session_ == nullptr && in_flight_ > 0) return;
    while (!restart_.empty() && in_flight_ < o_.connect_concurrency) {
      const auto i = restart_.front();
      restart_.pop_front();
      ++in_flight_;
      devices_[i]->start();
    }
    while (next_ < devices_.size() && in_flight_ < o_.connect_concurrency) {
      if (o_.tls && o_.tls_resume && session_ == nullptr && in_flight_ > 0) return;
      ++in_flight_;
      devices_[next_++]->start();
    }
  }

  void wait_vw_signal() {
    vw_signal_.async_wait([this](const boost::system::error_code& ec, int) {
      if (ec) return;
      vw_active_ = true;
      const auto now = now_ns();
      for (auto& d : devices_) d->start_vw(now);
      wait_vw_signal();
    });
  }

  void schedule_tick() {
    timer_.expires_after(vw_active_ && o_.vw_rate > 0 ? std::chrono::milliseconds(5)
                                                      : std::chrono::milliseconds(100));
    timer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      const auto now = now_ns();
      for (auto& d : devices_) d->tick(now);
      schedule_tick();
    });
  }

  void schedule_report() {
    report_timer_.expires_after(std::chrono::milliseconds(200));
    report_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      report(false);
      schedule_report();
    });
  }

  void report(bool final) {
    report_.shard = o_.shard;
    report_.final = final ? 1 : 0;
    if (o_.report_fd < 0) return;
    std::array<char, sizeof(Report)> bytes;
    std::memcpy(bytes.data(), &report_, bytes.size());
    const auto n = ::write(o_.report_fd, bytes.data(), bytes.size());
    if (n != static_cast<ssize_t>(bytes.size())) ::_exit(final ? 0 : 3);  // the coordinator is gone
  }

  const DeviceOptions& o_;
  asio::io_context ioc_{1};
  asio::ssl::context tls_;
  SSL_SESSION* session_ = nullptr;
  asio::ip::address address_;
  std::vector<tcp::endpoint> servers_;
  std::deque<std::size_t> restart_;
  asio::steady_timer timer_;
  asio::steady_timer report_timer_;
  asio::signal_set signals_;
  asio::signal_set vw_signal_;
  std::mt19937 rng_;
  std::string info_;
  std::string vw_block_;
  std::size_t vw_frame_size_ = 0;
  std::vector<std::unique_ptr<Device<Stream>>> devices_;
  std::size_t next_ = 0;
  int in_flight_ = 0;
  bool vw_active_ = false;
  int errors_shown_ = 0;
  Report report_;
};

}  // namespace

int run_devices(const DeviceOptions& options) {
  if (options.tls) return Pool<TlsStream>(options).run();
  return Pool<PlainStream>(options).run();
}

}  // namespace onboard::fleet
