// A connection from accept to close: TLS handshake (TLS port), first-byte
// sniffing (0x1D: device protocol here; a letter: handed to the HTTP session),
// then frames into the socket-free DeviceSession and its answers out again.
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include <array>
#include <cctype>
#include <cstring>

#include <spdlog/spdlog.h>

#include "http_connection.hpp"
#include "net.hpp"
#include "onboard/cloud/device/device_session.hpp"

namespace onboard::cloud::net {

namespace {

// Bytes are read into the io thread's buffer, not one per connection: an
// idle connection holds no read buffer. One read per turn, then the
// connection yields to the others on its thread: with four 16 KB reads per
// turn, 1,000 devices writing flat out delayed a /metrics request on the same
// thread by tens of seconds. 4 KB (8x the old per-connection buffer) still
// cuts the syscalls per message.
constexpr std::size_t kReadBuffer = 4 * 1024;
constexpr int kReadsPerTurn = 1;
constexpr std::size_t kMaxQueuedBytes = 64 * 1024;  // a device that reads slower than this is dropped
constexpr std::uint8_t kHwLogin = 0x1D;

std::uint8_t* thread_read_buffer() {
  thread_local std::array<std::uint8_t, kReadBuffer> buffer;
  return buffer.data();
}

// One non-blocking read: bytes, would_block (then wait), or an error (eof included).
// A TLS record larger than the buffer is read in pieces (OpenSSL keeps the rest).
struct ReadNow {
  std::size_t bytes = 0;
  boost::system::error_code ec;
  bool would_block = false;
  bool want_write = false;
  bool maybe_more = false;  // the socket may hold more: read again before waiting
};

ReadNow read_now(PlainStream& socket, std::uint8_t* buffer) {
  ReadNow out;
  out.bytes = socket.read_some(asio::buffer(buffer, kReadBuffer), out.ec);
  out.would_block = out.ec == asio::error::would_block || out.ec == asio::error::try_again;
  // A short read emptied the socket's queue: the next bytes raise a new readiness event.
  out.maybe_more = !out.ec && out.bytes == kReadBuffer;
  return out;
}

ReadNow read_now(TlsStream& stream, std::uint8_t* buffer) {
  const auto r = stream.read_now(asio::buffer(buffer, kReadBuffer));
  // One record per call: only WANT_READ says the socket is empty.
  return ReadNow{r.bytes, r.ec, r.would_block, r.want_write, !r.ec && !r.would_block};
}

template <typename Stream>
class DeviceConnection final : public Swept,
                               public DeviceLink,
                               public DeviceOutput,
                               public std::enable_shared_from_this<DeviceConnection<Stream>> {
 public:
  DeviceConnection(Shared& shared, Worker& worker, Stream stream, std::uint64_t id, std::string address)
      : shared_(shared),
        worker_(worker),
        stream_(std::move(stream)),
        id_(id),
        address_(std::move(address)),
        created_(SteadyClock::now()),
        session_(shared.ctx, *this, id, created_),
        decoder_(nullptr, 0) {
    gauge().fetch_add(1, std::memory_order_relaxed);
  }

  ~DeviceConnection() override {
    stop_waiting();
    if (!finished_ && !handed_over_) {
      session_.on_closed();
      gauge().fetch_sub(1, std::memory_order_relaxed);
    }
  }

  void start() {
    worker_.connections.push_back(this->weak_from_this());
    if constexpr (kIsTls<Stream>) {
      stream_.async_handshake(
          [self = this->shared_from_this()](const boost::system::error_code& ec, std::size_t) {
            if (ec) {
              spdlog::debug("conn={} TLS handshake failed: {}", self->id_, ec.message());
              return self->finish();
            }
            self->handshaken_ = true;
            self->read_loop();
          });
    } else {
      boost::system::error_code ec;
      stream_.non_blocking(true, ec);  // read_now must return would_block, never block the io thread
      if (ec) return finish();
      handshaken_ = true;
      read_loop();
    }
  }

  // Swept (own thread).
  void tick(SteadyClock::time_point now) override {
    if (finished_) return;
    if (closing_) {
      if (now - closing_since_ > std::chrono::seconds(5)) finish();
      return;
    }
    if (!sniffed_) {
      if (now - created_ >= std::chrono::seconds(shared_.ctx.config.login_timeout)) {
        spdlog::info("conn={} silent for {} s after connect: closing", id_, shared_.ctx.config.login_timeout);
        finish();
      }
      return;
    }
    session_.on_tick(now);
  }

  void shut_down() override { finish(); }

  // DeviceLink (any thread).
  void push_hardware(std::string body) override {
    asio::post(worker_.ioc, [self = this->shared_from_this(), body = std::move(body)] {
      if (!self->finished_) self->session_.push_hardware(body);
    });
  }

  void push_internal(std::string body) override {
    asio::post(worker_.ioc, [self = this->shared_from_this(), body = std::move(body)] {
      if (!self->finished_) self->session_.push_internal(body);
    });
  }

  void kick(std::string reason) override {
    asio::post(worker_.ioc, [self = this->shared_from_this(), reason = std::move(reason)] {
      if (self->finished_) return;
      spdlog::info("conn={} closing: {}", self->id_, reason);
      self->finish();
    });
  }

  // DeviceOutput (own thread).
  void send(std::string frame) override {
    if (finished_) return;
    if (pending_.size() + frame.size() > kMaxQueuedBytes) {
      spdlog::warn("conn={} the device reads too slowly ({} bytes queued): closing", id_, pending_.size());
      return finish();
    }
    pending_ += frame;
    if (!writing_) start_write();
  }

  void close(std::string_view reason) override {
    if (closing_ || finished_) return;
    spdlog::debug("conn={} closing: {}", id_, reason);
    closing_ = true;
    closing_since_ = SteadyClock::now();
    if (!writing_ && pending_.empty()) finish();
  }

  std::shared_ptr<DeviceLink> link() override { return this->shared_from_this(); }
  const std::string& remote_address() const override { return address_; }

  void set_receive_limit(std::size_t bytes) override {
    receive_limit_.store(bytes, std::memory_order_relaxed);
  }
  std::size_t receive_limit() const override { return receive_limit_.load(std::memory_order_relaxed); }
  void defer(std::function<void()> work, std::function<void()> then) override {
    asio::post(shared_.blocking,
               [self = this->shared_from_this(), work = std::move(work), then = std::move(then)]() mutable {
                 work();
                 asio::post(self->worker_.ioc, [self, then = std::move(then)] {
                   if (self->finished_) return;
                   then();
                   self->resume();
                 });
               });
  }

 private:
  std::atomic<std::int64_t>& gauge() {
    return kIsTls<Stream> ? shared_.ctx.metrics.connections_tls : shared_.ctx.metrics.connections_plain;
  }

  // Reads until the socket is empty, then waits for it to be readable again
  // (edge-triggered: waiting before the socket said EAGAIN could wait for
  // bytes that are already there). Stops while the session waits for the
  // store (resume() goes on) and once closing.
  void read_loop() {
    for (int round = 0; round < kReadsPerTurn; ++round) {
      if (closing_ || finished_ || session_.busy()) return;
      std::uint8_t* buffer = thread_read_buffer();
      const auto r = read_now(stream_, buffer);
      if (r.would_block) return wait(r.want_write);
      if (r.ec) return finish();
      if (!consume(buffer, r.bytes)) return;
      if (!r.maybe_more) return wait(false);
    }
    asio::post(worker_.ioc, [self = this->shared_from_this()] {
      if (!self->finished_) self->read_loop();
    });
  }

  void wait(bool for_write) {
    if (closing_ || finished_) return;
    lowest(stream_).async_wait(for_write ? tcp::socket::wait_write : tcp::socket::wait_read,
                               [self = this->shared_from_this()](const boost::system::error_code& ec) {
                                 if (ec || self->finished_) return self->finish();
                                 self->read_loop();
                               });
  }

  // Bytes just read (in the thread's buffer). false: stop reading (handed to
  // HTTP, finished, closing, or the session busy with the rest kept).
  bool consume(const std::uint8_t* data, std::size_t n) {
    if (!sniffed_) {
      sniffed_ = true;
      const std::uint8_t first = data[0];
      if (first != kHwLogin) {
        if (std::isalpha(first) != 0) {
          hand_to_http(data, n);
          return false;
        }
        spdlog::info("conn={} first byte 0x{:02x} is neither a device login nor HTTP: closing", id_, first);
        finish();
        return false;
      }
    }
    const std::size_t used = process(data, n);
    if (used < n && session_.busy() && !closing_ && !finished_) {
      // The thread's buffer is the next connection's: keep the rest until resume().
      held_size_ = n - used;
      held_ = std::make_unique<std::uint8_t[]>(held_size_);
      std::memcpy(held_.get(), data + used, held_size_);
      held_begin_ = 0;
    }
    return !closing_ && !finished_ && !session_.busy();
  }

  // Feeds bytes to the session, frame by frame; stops while the session
  // waits for the store. Returns the bytes used.
  std::size_t process(const std::uint8_t* data, std::size_t n) {
    const auto now = SteadyClock::now();
    std::size_t used = 0;
    while (used < n && !session_.closing() && !session_.busy()) {
      grow_body();
      const auto result = decoder_.feed(data + used, n - used);
      used += result.consumed;
      partial_ = result.status == blynk::DecodeStatus::NeedMore;
      if (partial_) break;
      if (result.status == blynk::DecodeStatus::Error) {
        session_.on_malformed(blynk::to_string(decoder_.error()));
        break;
      }
      session_.on_frame(decoder_.frame(), now);
      if (session_.logged_in()) stop_waiting();
    }
    release_body();
    return used;
  }

  // The body buffer exists only while bytes are being decoded: an idle
  // connection holds none (it was most of an idle device's memory). Grown to
  // the session's limit (larger once logged in) between frames only.
  void grow_body() {
    const std::size_t wanted = session_.max_body();
    if (partial_ || (body_ && body_size_ >= wanted)) return;
    body_ = std::make_unique<std::uint8_t[]>(wanted);
    body_size_ = wanted;
    decoder_ = blynk::FrameDecoder(body_.get(), wanted);
  }

  // Between frames, with no frame view handed out that store work still reads.
  void release_body() {
    if (partial_ || session_.busy() || !body_) return;
    decoder_ = blynk::FrameDecoder(nullptr, 0);
    body_.reset();
    body_size_ = 0;
  }

  // The session's store work is done: the frames that waited, then the socket.
  void resume() {
    if (finished_ || session_.busy()) return;
    if (session_.logged_in()) stop_waiting();
    if (held_) {
      held_begin_ += process(held_.get() + held_begin_, held_size_ - held_begin_);
      if (session_.busy() && held_begin_ < held_size_ && !closing_) return;
      held_.reset();
      held_size_ = held_begin_ = 0;
    }
    read_loop();
  }

  // No longer counted against the address's connections that have not logged in.
  void stop_waiting() {
    if (!waiting_) return;
    waiting_ = false;
    shared_.ctx.connection_limits.done_waiting(address_);
  }

  void hand_to_http(const std::uint8_t* data, std::size_t n) {
    stop_waiting();  // HTTP connections are bounded by their request timeout instead
    handed_over_ = true;
    finished_ = true;
    start_http<Stream>(shared_, std::move(stream_), std::string_view(reinterpret_cast<const char*>(data), n),
                       id_, address_);
  }

  void start_write() {
    writing_ = true;
    out_.swap(pending_);
    pending_.clear();
    asio::async_write(stream_, asio::buffer(out_),
                      [self = this->shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                        self->on_write(ec);
                      });
  }

  void on_write(const boost::system::error_code& ec) {
    writing_ = false;
    if (ec) return finish();
    out_.clear();
    if (out_.capacity() > 1024) out_.shrink_to_fit();
    if (!pending_.empty()) return start_write();
    if (pending_.capacity() > 1024) pending_.shrink_to_fit();
    if (closing_) finish();
  }

  void finish() {
    if (finished_) return;
    finished_ = true;
    closing_ = true;
    send_close_notify(stream_);
    boost::system::error_code ignored;
    lowest(stream_).shutdown(tcp::socket::shutdown_both, ignored);
    lowest(stream_).close(ignored);
    session_.on_closed();
    stop_waiting();
    gauge().fetch_sub(1, std::memory_order_relaxed);
  }

  Shared& shared_;
  Worker& worker_;
  Stream stream_;
  std::uint64_t id_;
  std::string address_;
  bool waiting_ = true;  // counted in the address's connections that have not logged in
  SteadyClock::time_point created_;
  SteadyClock::time_point closing_since_;
  DeviceSession session_;
  std::unique_ptr<std::uint8_t[]> body_;  // null while idle (see grow_body)
  std::size_t body_size_ = 0;
  blynk::FrameDecoder decoder_;
  std::string pending_;  // frames waiting for the current write to finish
  std::string out_;      // frames being written
  // Bytes read while the session waited for the store (null otherwise): [held_begin_, held_size_).
  std::unique_ptr<std::uint8_t[]> held_;
  std::size_t held_size_ = 0;
  std::size_t held_begin_ = 0;
  std::atomic<std::size_t> receive_limit_{256};  // read by HTTP threads (DeviceLink)
  bool handshaken_ = false;
  bool sniffed_ = false;
  bool partial_ = false;  // the decoder holds part of a frame (its body buffer must stay)
  bool writing_ = false;
  bool closing_ = false;
  bool finished_ = false;
  bool handed_over_ = false;
};

}  // namespace

namespace {
// The peer's address when the per-address limits admit it; nullopt (socket closed) otherwise.
std::optional<std::string> admitted(Shared& shared, tcp::socket& socket, std::string address) {
  boost::system::error_code ec;
  const auto endpoint = socket.remote_endpoint(ec);
  if (ec) return std::nullopt;  // already gone
  if (address.empty()) address = endpoint.address().to_string();
  bool log = false;
  const auto verdict = shared.ctx.connection_limits.admit(address, SteadyClock::now(), log);
  if (verdict == ConnectionLimits::Verdict::Admitted) return address;
  shared.ctx.metrics.connections_refused.fetch_add(1, std::memory_order_relaxed);
  if (log)
    spdlog::warn("connections from {} refused: {} (logged once a minute)", address, to_string(verdict));
  socket.close(ec);
  return std::nullopt;
}
}  // namespace

void start_plain(Shared& shared, Worker& worker, tcp::socket socket, std::string client) {
  shared.ctx.metrics.connections_accepted_plain.fetch_add(1, std::memory_order_relaxed);
  auto address = admitted(shared, socket, std::move(client));
  if (!address) return;
  const auto id = shared.next_id.fetch_add(1);
  std::make_shared<DeviceConnection<PlainStream>>(shared, worker, std::move(socket), id, std::move(*address))
      ->start();
}

void start_tls(Shared& shared, Worker& worker, tcp::socket socket, SSL_CTX* tls, std::string client) {
  shared.ctx.metrics.connections_accepted_tls.fetch_add(1, std::memory_order_relaxed);
  auto address = admitted(shared, socket, std::move(client));
  if (!address) return;
  const auto id = shared.next_id.fetch_add(1);
  std::make_shared<DeviceConnection<TlsStream>>(shared, worker, TlsStream(std::move(socket), tls), id,
                                                std::move(*address))
      ->start();
}

}  // namespace onboard::cloud::net
