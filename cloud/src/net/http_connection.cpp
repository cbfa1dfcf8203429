// HTTP/1.1 over a plain or TLS stream with Beast: read a request (with a
// timeout, a header limit and a body limit), run the request policy on the
// blocking pool, write the answer, repeat while keep-alive. The only Beast TU.
#include "http_connection.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <optional>

#include <spdlog/spdlog.h>

#include "onboard/cloud/api/http.hpp"

namespace onboard::cloud::net {

namespace beast = boost::beast;
namespace http = beast::http;

namespace {

constexpr auto kRequestTimeout = std::chrono::seconds(30);
constexpr std::size_t kHeaderLimit = 8 * 1024;

template <typename Stream>
class HttpConnection final : public std::enable_shared_from_this<HttpConnection<Stream>> {
 public:
  HttpConnection(Shared& shared, Stream stream, std::uint64_t id, std::string remote)
      : shared_(shared),
        stream_(std::move(stream)),
        timer_(stream_.get_executor()),
        id_(id),
        remote_(std::move(remote)) {}

  ~HttpConnection() { gauge().fetch_sub(1, std::memory_order_relaxed); }

  void start(std::string_view already_read) {
    auto space = buffer_.prepare(already_read.size());
    buffer_.commit(asio::buffer_copy(space, asio::buffer(already_read.data(), already_read.size())));
    do_read();
  }

 private:
  std::atomic<std::int64_t>& gauge() {
    return kIsTls<Stream> ? shared_.ctx.metrics.connections_tls : shared_.ctx.metrics.connections_plain;
  }

  void arm_timer() {
    timer_.expires_after(kRequestTimeout);
    timer_.async_wait([weak = this->weak_from_this()](const boost::system::error_code& ec) {
      if (ec) return;
      if (auto self = weak.lock()) self->close();
    });
  }

  void do_read() {
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    // The parser checks a Content-Length against its limit as soon as the head is read, before
    // the route is known: the largest limit of any route here, the route's own one below.
    const Config& config = shared_.ctx.config;
    body_limit_ = std::max(config.http_body_limit, config.firmware_max_bytes);
    parser_->body_limit(static_cast<std::uint64_t>(body_limit_));
    arm_timer();
    // The head first: the body limit depends on what is being sent (a firmware image may be large).
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = this->shared_from_this()](const boost::system::error_code& ec, std::size_t) {
          if (ec) return self->on_read(ec);
          auto& head = self->parser_->get();
          self->body_limit_ =
              body_limit_for(self->shared_.ctx.config,
                             std::string_view(head.method_string().data(), head.method_string().size()),
                             std::string_view(head.target().data(), head.target().size()));
          self->parser_->body_limit(static_cast<std::uint64_t>(self->body_limit_));
          // A lower limit set now is not compared with a Content-Length again: compare it here.
          const auto length = self->parser_->content_length();
          if (length && *length > static_cast<std::uint64_t>(self->body_limit_))
            return self->on_read(http::error::body_limit);
          http::async_read(self->stream_, self->buffer_, *self->parser_,
                           [self](const boost::system::error_code& ec2, std::size_t) { self->on_read(ec2); });
        });
  }

  void on_read(const boost::system::error_code& ec) {
    timer_.cancel();
    if (ec == http::error::end_of_stream || ec == asio::error::operation_aborted || ec == asio::error::eof) {
      return close();
    }
    if (ec == http::error::body_limit) {
      return reply_error(
          json_error(413, "payload_too_large", "the body is over " + std::to_string(body_limit_) + " bytes"));
    }
    if (ec == http::error::header_limit) {
      return reply_error(json_error(431, "headers_too_large", "the request headers are over 8 KB"));
    }
    if (ec) {
      if (ec.category() == http::make_error_code(http::error::end_of_stream).category()) {
        spdlog::info("conn={} malformed HTTP request from {}: {}", id_, remote_, ec.message());
        return reply_error(json_error(400, "bad_request", "malformed HTTP request: " + ec.message()));
      }
      return close();
    }
    auto& req = parser_->get();
    HttpRequest request;
    request.method = std::string(req.method_string());
    request.target = std::string(req.target());
    request.authorization = std::string(req[http::field::authorization]);
    request.accept_encoding = std::string(req[http::field::accept_encoding]);
    request.if_none_match = std::string(req[http::field::if_none_match]);
    request.range = std::string(req[http::field::range]);
    request.body = std::move(req.body());
    request.remote_address = remote_;
    request.request_id = shared_.next_id.fetch_add(1);
    const bool keep_alive = req.keep_alive();
    spdlog::debug("conn={} req={} {} from {}", id_, request.request_id, request.method, remote_);
    asio::post(shared_.blocking, [self = this->shared_from_this(), request = std::move(request), keep_alive] {
      auto response = handle_request(self->shared_.ctx, request);
      asio::post(self->stream_.get_executor(), [self, response = std::move(response), keep_alive]() mutable {
        self->reply(std::move(response), keep_alive);
      });
    });
  }

  // Answers a request the policy never saw, then closes.
  void reply_error(HttpResponse response) {
    shared_.ctx.metrics.count_http(response.status);
    linger_ = true;
    reply(std::move(response), false);
  }

  void reply(HttpResponse response, bool keep_alive) {
    if (response.stream) return start_stream(std::move(response));
    response_ = {};
    response_.version(11);
    response_.result(static_cast<unsigned>(response.status));
    response_.set(http::field::server, "onboard-cloud");
    response_.set(http::field::content_type, response.content_type);
    for (auto& [name, value] : response.headers) response_.set(name, value);
    response_.body() = std::move(response.body);
    response_.keep_alive(keep_alive && !shared_.stopping.load());
    response_.prepare_payload();
    arm_timer();
    http::async_write(stream_, response_,
                      [self = this->shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                        self->timer_.cancel();
                        if (ec) return self->close();
                        if (!self->response_.keep_alive()) {
                          return self->linger_ ? self->linger_close() : self->close();
                        }
                        self->do_read();
                      });
  }

  // After an error reply the client may still be sending the body we refused.
  // Closing with unread bytes makes the kernel answer with a reset, which can
  // destroy our reply before the client reads it (a 413 seen as a dropped
  // connection). So stop sending, read and discard a bounded amount, then close.
  void linger_close() {
    send_close_notify(stream_);  // a TLS client then reads the reply to its end, not a truncation
    boost::system::error_code ignored;
    lowest(stream_).shutdown(tcp::socket::shutdown_send, ignored);
    arm_timer();
    drain(0);
  }

  void drain(std::size_t drained) {
    static constexpr std::size_t kMaxDrain = 4 * 1024 * 1024;
    // What is buffered is refused too. Left there, a nearly full buffer (the
    // device port hands over all it read before it saw HTTP) made prepare()
    // throw on the io thread, which ended the process.
    buffer_.consume(buffer_.size());
    lowest(stream_).async_read_some(
        buffer_.prepare(4096),
        [self = this->shared_from_this(), drained](const boost::system::error_code& ec, std::size_t n) {
          if (ec || drained + n > kMaxDrain) {
            self->timer_.cancel();
            return self->close();
          }
          self->drain(drained + n);
        });
  }

  // A streamed response (Server-Sent Events): the headers without a length,
  // then whatever the stream gives, until it ends or the client goes away.
  // The connection serves nothing else afterwards.
  void start_stream(HttpResponse response) {
    stream_body_ = std::move(response.stream);
    std::string head = "HTTP/1.1 " + std::to_string(response.status) + " OK\r\nServer: onboard-cloud\r\n";
    head += "Content-Type: " + response.content_type + "\r\nConnection: close\r\n";
    for (auto& [name, value] : response.headers) head += name + ": " + value + "\r\n";
    head += "\r\n" + response.body;
    std::weak_ptr<HttpConnection> weak = this->shared_from_this();
    stream_body_->start([weak, executor = stream_.get_executor()] {
      asio::post(executor, [weak] {
        if (auto self = weak.lock()) {
          self->woken_ = true;
          self->pump();
        }
      });
    });
    watch_peer();
    tick_stream();
    write_stream(std::move(head), false);
  }

  // Any byte or close from the client ends the stream (it sends nothing after its GET).
  void watch_peer() {
    lowest(stream_).async_wait(tcp::socket::wait_read,
                               [self = this->shared_from_this()](const boost::system::error_code&) {
                                 self->stream_closed_ = true;
                                 self->close();
                               });
  }

  void tick_stream() {
    timer_.expires_after(kStreamTick);
    timer_.async_wait([weak = this->weak_from_this()](const boost::system::error_code& ec) {
      if (ec) return;
      auto self = weak.lock();
      if (!self || self->stream_closed_) return;
      if (self->writing_ && SteadyClock::now() - self->write_started_ > kRequestTimeout) {
        return self->close();  // a client that stopped reading
      }
      self->ticked_ = true;
      self->pump();
      self->tick_stream();
    });
  }

  void pump() {
    if (stream_closed_ || busy_ || (!woken_ && !ticked_)) return;
    busy_ = true;
    const bool tick = ticked_;
    woken_ = ticked_ = false;
    asio::post(shared_.blocking, [self = this->shared_from_this(), tick] {
      auto chunk = self->stream_body_->next(tick);
      asio::post(self->stream_.get_executor(), [self, chunk = std::move(chunk)]() mutable {
        if (chunk.text.empty() && !chunk.end) {
          self->busy_ = false;
          return self->pump();
        }
        self->write_stream(std::move(chunk.text), chunk.end);
      });
    });
  }

  void write_stream(std::string text, bool end) {
    busy_ = writing_ = true;
    write_started_ = SteadyClock::now();
    stream_out_ = std::move(text);
    asio::async_write(
        stream_, asio::buffer(stream_out_),
        [self = this->shared_from_this(), end](const boost::system::error_code& ec, std::size_t) {
          self->busy_ = self->writing_ = false;
          if (ec || end || self->shared_.stopping.load()) {
            self->stream_closed_ = true;
            return self->close();
          }
          self->pump();
        });
  }

  void close() {
    if (stream_body_) {
      stream_closed_ = true;
      timer_.cancel();
    }
    send_close_notify(stream_);
    boost::system::error_code ignored;
    lowest(stream_).shutdown(tcp::socket::shutdown_both, ignored);
    lowest(stream_).close(ignored);
  }

  Shared& shared_;
  Stream stream_;
  asio::steady_timer timer_;
  std::uint64_t id_;
  std::string remote_;
  beast::flat_buffer buffer_{16 * 1024};
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
  bool linger_ = false;
  long body_limit_ = 0;

  static constexpr auto kStreamTick = std::chrono::seconds(15);
  std::shared_ptr<ResponseStream> stream_body_;
  std::string stream_out_;
  bool busy_ = false;     // a next() or a write is under way
  bool writing_ = false;  // a write is under way
  bool woken_ = false;
  bool ticked_ = false;
  bool stream_closed_ = false;
  SteadyClock::time_point write_started_{};
};

}  // namespace

template <typename Stream>
void start_http(Shared& shared, Stream stream, std::string_view already_read, std::uint64_t conn_id,
                std::string remote) {
  std::make_shared<HttpConnection<Stream>>(shared, std::move(stream), conn_id, std::move(remote))
      ->start(already_read);
}

template void start_http<PlainStream>(Shared&, PlainStream, std::string_view, std::uint64_t, std::string);
template void start_http<TlsStream>(Shared&, TlsStream, std::string_view, std::uint64_t, std::string);

}  // namespace onboard::cloud::net
