// Internal to net/: a server-side TLS stream that drives OpenSSL directly on
// the non-blocking TCP socket.
//
// Why not asio::ssl::stream: it keeps two 17 KB zero-filled engine buffers
// and a BIO pair with two more 17 KB buffers per connection, 68 KB resident
// for every idle device, twice the 32 KB budget. Here OpenSSL reads and
// writes the socket itself (SSL_set_fd) and, with SSL_MODE_RELEASE_BUFFERS,
// frees its record buffers whenever they are empty, so an idle connection
// holds only the SSL object. When OpenSSL wants the socket readable or
// writable, the operation waits with socket.async_wait and tries again.
//
// It is an Asio AsyncReadStream/AsyncWriteStream (get_executor,
// async_read_some, async_write_some), so Beast's HTTP session runs over it
// unchanged. Like any Asio stream: one read and one write at a time at most,
// and it must not move while an operation is outstanding.
#pragma once

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <boost/asio/buffer.hpp>
#include <boost/asio/compose.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/error.hpp>

#include <cerrno>
#include <cstddef>
#include <memory>
#include <utility>

namespace onboard::cloud::net {

class TlsSocket {
 public:
  using tcp = boost::asio::ip::tcp;
  using executor_type = tcp::socket::executor_type;
  using error_code = boost::system::error_code;

  // Server side. `ctx` must outlive the stream (it is the server's).
  TlsSocket(tcp::socket socket, SSL_CTX* ctx) : socket_(std::move(socket)), ssl_(SSL_new(ctx)) {
    error_code ec;
    // OpenSSL does the reads and writes; they must return EAGAIN, not block the io thread.
    socket_.native_non_blocking(true, ec);
    if (ec || !ssl_ || SSL_set_fd(ssl_.get(), socket_.native_handle()) != 1) {
      broken_ = true;  // the handshake fails at once and the connection is dropped
      ERR_clear_error();
      return;
    }
    SSL_set_accept_state(ssl_.get());
    // Partial writes: async_write_some may write less than asked, as the
    // concept allows. Moving buffer: a retried SSL_write after WANT_WRITE may
    // see the same bytes at another address (Beast rebuilds buffer sequences).
    SSL_set_mode(ssl_.get(), SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER |
                                 SSL_MODE_RELEASE_BUFFERS);
  }

  TlsSocket(TlsSocket&&) noexcept = default;
  TlsSocket& operator=(TlsSocket&&) noexcept = default;

  executor_type get_executor() { return socket_.get_executor(); }
  tcp::socket& next_layer() { return socket_; }

  template <typename Token>
  auto async_handshake(Token&& token) {
    return start(
        [](TlsSocket& s) {
          ERR_clear_error();
          const int r = SSL_do_handshake(s.ssl_.get());
          return r == 1 ? Step{} : s.failed(r);
        },
        std::forward<Token>(token));
  }

  // Reads into the first non-empty buffer of the sequence (one record's worth at most).
  template <typename MutableBuffers, typename Token>
  auto async_read_some(const MutableBuffers& buffers, Token&& token) {
    const auto buffer = first_non_empty<boost::asio::mutable_buffer>(buffers);
    return start(
        [buffer](TlsSocket& s) {
          if (buffer.size() == 0) return Step{};
          std::size_t n = 0;
          ERR_clear_error();
          const int r = SSL_read_ex(s.ssl_.get(), buffer.data(), buffer.size(), &n);
          return r == 1 ? Step{{}, n, Want::Nothing} : s.failed(r);
        },
        std::forward<Token>(token));
  }

  // Writes from the first non-empty buffer of the sequence.
  template <typename ConstBuffers, typename Token>
  auto async_write_some(const ConstBuffers& buffers, Token&& token) {
    const auto buffer = first_non_empty<boost::asio::const_buffer>(buffers);
    return start(
        [buffer](TlsSocket& s) {
          if (buffer.size() == 0) return Step{};
          std::size_t n = 0;
          ERR_clear_error();
          const int r = SSL_write_ex(s.ssl_.get(), buffer.data(), buffer.size(), &n);
          return r == 1 ? Step{{}, n, Want::Nothing} : s.failed(r);
        },
        std::forward<Token>(token));
  }

  // One read attempt now, without waiting (a device connection reads into
  // its io thread's buffer this way, so an idle connection holds no read
  // buffer): bytes, or `would_block` with what to wait for, or an error.
  struct ReadNow {
    std::size_t bytes = 0;
    error_code ec;
    bool would_block = false;
    bool want_write = false;  // wait for writability, not readability (a TLS 1.3 key update)
  };
  ReadNow read_now(boost::asio::mutable_buffer buffer) {
    ReadNow out;
    if (broken_ || !ssl_ || !socket_.is_open()) {
      out.ec = boost::asio::error::connection_aborted;
      return out;
    }
    ERR_clear_error();
    const int r = SSL_read_ex(ssl_.get(), buffer.data(), buffer.size(), &out.bytes);
    if (r == 1) return out;
    const Step step = failed(r);
    out.bytes = 0;
    out.ec = step.ec;
    out.would_block = step.want != Want::Nothing;
    out.want_write = step.want == Want::Write;
    return out;
  }

  // Sends close_notify if the socket takes it now, without waiting for the
  // peer's: called just before the socket is closed, so waiting would only
  // delay the close. Skipped after a fatal error, as OpenSSL requires.
  void send_close_notify() {
    if (broken_ || !ssl_ || !socket_.is_open() || SSL_is_init_finished(ssl_.get()) != 1) return;
    ERR_clear_error();
    SSL_shutdown(ssl_.get());
    ERR_clear_error();
  }

 private:
  enum class Want { Nothing, Read, Write };
  struct Step {
    error_code ec;
    std::size_t bytes = 0;
    Want want = Want::Nothing;
  };

  struct SslFree {
    void operator()(SSL* ssl) const { SSL_free(ssl); }
  };

  template <typename Buffer, typename Sequence>
  static Buffer first_non_empty(const Sequence& buffers) {
    const auto end = boost::asio::buffer_sequence_end(buffers);
    for (auto it = boost::asio::buffer_sequence_begin(buffers); it != end; ++it) {
      Buffer b(*it);
      if (b.size() != 0) return b;
    }
    return Buffer();
  }

  // Maps a failed SSL_* call to a wait or an error. Clears the thread's
  // OpenSSL error queue: it is shared by every connection on this io thread,
  // and a stale entry would make the next connection's SSL_get_error lie.
  Step failed(int r) {
    Step step;
    const int err = SSL_get_error(ssl_.get(), r);
    const int saved_errno = errno;
    switch (err) {
      case SSL_ERROR_WANT_READ: step.want = Want::Read; break;
      case SSL_ERROR_WANT_WRITE: step.want = Want::Write; break;
      case SSL_ERROR_ZERO_RETURN: step.ec = boost::asio::error::eof; break;  // the peer's close_notify
      case SSL_ERROR_SYSCALL:
        broken_ = true;
        step.ec = saved_errno != 0 ? error_code(saved_errno, boost::asio::error::get_system_category())
                                   : error_code(boost::asio::ssl::error::stream_truncated);
        break;
      default: {
        broken_ = true;
        const unsigned long code = ERR_peek_error();
        // OpenSSL 3 reports a TCP close without close_notify as a protocol error.
        if (ERR_GET_REASON(code) == SSL_R_UNEXPECTED_EOF_WHILE_READING) {
          step.ec = boost::asio::ssl::error::stream_truncated;
        } else {
          step.ec = error_code(static_cast<int>(code), boost::asio::error::get_ssl_category());
        }
        break;
      }
    }
    ERR_clear_error();
    return step;
  }

  // One operation: try, wait for what OpenSSL wants, try again. A result
  // available at once is posted, not delivered inside the initiating call, as
  // Asio's contract (and Beast's composed operations) expect.
  template <typename Attempt>
  struct Op {
    TlsSocket& s;
    Attempt attempt;
    bool started = false;
    bool have_result = false;
    Step result{};

    template <typename Self>
    void operator()(Self& self, error_code ec = {}) {
      if (have_result) return self.complete(result.ec, result.bytes);
      const bool first = !started;
      started = true;
      Step step;
      if (ec) {
        step.ec = ec;  // the wait was cancelled (socket closed) or failed
      } else if (s.broken_ || !s.socket_.is_open()) {
        // Never call OpenSSL on a closed socket: its descriptor number may
        // already belong to another connection.
        step.ec = s.broken_ ? error_code(boost::asio::error::connection_aborted)
                            : error_code(boost::asio::error::bad_descriptor);
      } else {
        step = attempt(s);
        if (step.want == Want::Read) return s.socket_.async_wait(tcp::socket::wait_read, std::move(self));
        if (step.want == Want::Write) return s.socket_.async_wait(tcp::socket::wait_write, std::move(self));
      }
      if (first) {
        have_result = true;
        result = step;
        return boost::asio::post(s.socket_.get_executor(), std::move(self));
      }
      self.complete(step.ec, step.bytes);
    }
  };

  template <typename Attempt, typename Token>
  auto start(Attempt attempt, Token&& token) {
    return boost::asio::async_compose<Token, void(error_code, std::size_t)>(
        Op<Attempt>{*this, std::move(attempt)}, token, socket_);
  }

  tcp::socket socket_;
  std::unique_ptr<SSL, SslFree> ssl_;
  bool broken_ = false;
};

}  // namespace onboard::cloud::net
