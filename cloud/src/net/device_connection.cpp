// A connection from accept to close: TLS handshake (TLS port), first-byte
// sniffing (0x1D: device protocol here; a letter: handed to the HTTP session),
// then frames into the socket-free DeviceSession and its answers out again.
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include <array>
#include <cctype>

#include <spdlog/spdlog.h>

#include "http_connection.hpp"
#include "net.hpp"
#include "onboard/cloud/device/device_session.hpp"

namespace onboard::cloud::net {

namespace {

constexpr std::size_t kReadBuffer = 512;
constexpr std::size_t kMaxQueuedBytes = 64 * 1024;  // a device that reads slower than this is dropped
constexpr std::uint8_t kHwLogin = 0x1D;

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
        body_(std::make_unique<std::uint8_t[]>(DeviceSession::kMaxLoginBody)),
        decoder_(body_.get(), DeviceSession::kMaxLoginBody) {
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
            self->do_read();
          });
    } else {
      handshaken_ = true;
      do_read();
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

  void do_read() {
    stream_.async_read_some(asio::buffer(read_),
                            [self = this->shared_from_this()](const boost::system::error_code& ec,
                                                              std::size_t n) { self->on_read(ec, n); });
  }

  void on_read(const boost::system::error_code& ec, std::size_t n) {
    if (ec || finished_) return finish();
    if (!sniffed_) {
      sniffed_ = true;
      const std::uint8_t first = read_[0];
      if (first != kHwLogin) {
        if (std::isalpha(first) != 0) return hand_to_http(n);
        spdlog::info("conn={} first byte 0x{:02x} is neither a device login nor HTTP: closing", id_, first);
        return finish();
      }
    }
    unread_ = 0;
    read_end_ = n;
    process();
    if (!closing_ && !finished_ && !session_.busy()) do_read();
  }

  // Feeds read_[unread_, read_end_) to the session, frame by frame; stops
  // while the session waits for the store (resume() goes on from there).
  void process() {
    const auto now = SteadyClock::now();
    while (unread_ < read_end_ && !session_.closing() && !session_.busy()) {
      const auto result = decoder_.feed(read_.data() + unread_, read_end_ - unread_);
      unread_ += result.consumed;
      if (result.status == blynk::DecodeStatus::NeedMore) break;
      if (result.status == blynk::DecodeStatus::Error) {
        session_.on_malformed(blynk::to_string(decoder_.error()));
        break;
      }
      session_.on_frame(decoder_.frame(), now);
      if (!session_.busy()) grow_body();
      if (session_.logged_in()) stop_waiting();
    }
  }

  // At a frame boundary: grow the body buffer once the device has logged in.
  void grow_body() {
    const std::size_t wanted = session_.max_body();
    if (wanted > body_size_) {
      body_ = std::make_unique<std::uint8_t[]>(wanted);
      body_size_ = wanted;
      decoder_ = blynk::FrameDecoder(body_.get(), wanted);
    }
  }

  // The session's store work is done: the frames that waited, then the socket.
  void resume() {
    if (finished_ || session_.busy()) return;
    if (session_.logged_in()) stop_waiting();
    grow_body();
    process();
    if (!closing_ && !finished_ && !session_.busy()) do_read();
  }

  // No longer counted against the address's connections that have not logged in.
  void stop_waiting() {
    if (!waiting_) return;
    waiting_ = false;
    shared_.ctx.connection_limits.done_waiting(address_);
  }

  void hand_to_http(std::size_t n) {
    stop_waiting();  // HTTP connections are bounded by their request timeout instead
    handed_over_ = true;
    finished_ = true;
    start_http<Stream>(shared_, std::move(stream_),
                       std::string_view(reinterpret_cast<const char*>(read_.data()), n), id_, address_);
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
  std::unique_ptr<std::uint8_t[]> body_;
  std::size_t body_size_ = DeviceSession::kMaxLoginBody;
  blynk::FrameDecoder decoder_;
  std::string pending_;  // frames waiting for the current write to finish
  std::string out_;      // frames being written
  std::array<std::uint8_t, kReadBuffer> read_{};
  std::atomic<std::size_t> receive_limit_{256};  // read by HTTP threads (DeviceLink)
  std::size_t unread_ = 0;                       // first byte of read_ not yet fed to the decoder
  std::size_t read_end_ = 0;                     // end of the bytes last read into read_
  bool handshaken_ = false;
  bool sniffed_ = false;
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
