// The only translation unit that includes Boost.Beast for the client side (it is heavy to
// compile). Asynchronous operations driven to completion on a private io_context so that
// every step (resolve, connect, TLS handshake, write, read) shares one deadline.
#include "onboard/wizard/http_client.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <optional>

namespace onboard::wizard {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

constexpr std::uint64_t kBodyLimit = 1u << 20;

struct Outcome {
  std::optional<HttpResponse> response;
  std::optional<HttpError> error;
  bool sent = false;
};

HttpError make_error(HttpError::Kind kind, const beast::error_code& ec, bool sent) {
  if (ec == beast::error::timeout || ec == net::error::operation_aborted) kind = HttpError::Kind::timeout;
  return HttpError{kind, ec.message(), sent};
}

http::request<http::string_body> build(const Endpoint& ep, const HttpRequest& r) {
  http::request<http::string_body> req;
  req.method_string(r.method);
  req.target(r.target);
  req.version(11);
  req.set(http::field::host, ep.host + ":" + std::to_string(ep.port));
  req.set(http::field::user_agent, "onboard-wizard");
  req.set(http::field::connection, "close");
  for (const auto& [name, value] : r.headers) req.set(name, value);
  if (!r.body.empty() || r.method == "POST" || r.method == "PATCH" || r.method == "PUT") {
    req.body() = r.body;
    req.prepare_payload();
  }
  return req;
}

// Write then read on an already connected (and, for TLS, handshaken) stream.
template <class Stream>
void exchange(Stream& stream, http::request<http::string_body>& req, beast::flat_buffer& buffer,
              http::response_parser<http::string_body>& parser, Outcome& out) {
  http::async_write(stream, req, [&](beast::error_code ec, std::size_t) {
    if (ec) {
      out.error = make_error(HttpError::Kind::closed, ec, false);
      return;
    }
    out.sent = true;
    http::async_read(stream, buffer, parser, [&](beast::error_code rec, std::size_t) {
      if (rec) {
        auto kind = rec == http::error::body_limit ? HttpError::Kind::protocol : HttpError::Kind::closed;
        out.error = make_error(kind, rec, true);
        return;
      }
      out.response = HttpResponse{static_cast<int>(parser.get().result_int()), parser.get().body()};
    });
  });
}

}  // namespace

Reason reason_of(const HttpError& error) {
  switch (error.kind) {
    case HttpError::Kind::resolve: return Reason::dns_failed;
    case HttpError::Kind::connect: return Reason::unreachable;
    case HttpError::Kind::tls: return Reason::tls_failed;
    case HttpError::Kind::timeout: return Reason::timeout;
    case HttpError::Kind::closed: return Reason::connection_closed;
    case HttpError::Kind::protocol: return Reason::bad_response;
    case HttpError::Kind::cancelled: return Reason::cancelled;
  }
  return Reason::unreachable;
}

HttpResult http_send(const Endpoint& ep, const HttpRequest& request, std::chrono::milliseconds timeout,
                     const CancelToken* cancel) {
  net::io_context ioc;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  ssl::context ctx(ssl::context::tls_client);
  if (ep.tls) {
    ctx.set_options(ssl::context::no_sslv2 | ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                    ssl::context::no_tlsv1_1);
    if (!ep.ca_file.empty()) {
      beast::error_code ec;
      ctx.load_verify_file(ep.ca_file, ec);
      if (ec)
        return HttpError{HttpError::Kind::tls, "cannot read CA file " + ep.ca_file + ": " + ec.message(),
                         false};
    } else {
      ctx.set_default_verify_paths();
    }
    ctx.set_verify_mode(ep.verify_peer ? ssl::verify_peer : ssl::verify_none);
  }
  beast::ssl_stream<beast::tcp_stream> tls_stream(ioc, ctx);
  beast::tcp_stream& tcp_stream = beast::get_lowest_layer(tls_stream);
  tcp::resolver resolver(ioc);
  net::steady_timer resolve_timer(ioc);
  auto req = build(ep, request);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(kBodyLimit);
  Outcome out;

  resolve_timer.expires_at(deadline);
  resolve_timer.async_wait([&](beast::error_code ec) {
    if (!ec) resolver.cancel();
  });
  resolver.async_resolve(
      ep.host, std::to_string(ep.port), [&](beast::error_code ec, tcp::resolver::results_type results) {
        resolve_timer.cancel();
        if (ec) {
          out.error = make_error(HttpError::Kind::resolve, ec, false);
          return;
        }
        tcp_stream.expires_at(deadline);
        tcp_stream.async_connect(results, [&](beast::error_code cec, const tcp::endpoint&) {
          if (cec) {
            out.error = make_error(HttpError::Kind::connect, cec, false);
            return;
          }
          if (!ep.tls) {
            exchange(tcp_stream, req, buffer, parser, out);
            return;
          }
          // SSL_set_tlsext_host_name is a macro with a C cast; this is what it expands to.
          if (SSL_ctrl(tls_stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                       const_cast<char*>(ep.host.c_str())) != 1) {
            out.error = HttpError{HttpError::Kind::tls, "cannot set TLS server name", false};
            return;
          }
          if (ep.verify_peer) tls_stream.set_verify_callback(ssl::host_name_verification(ep.host));
          tls_stream.async_handshake(ssl::stream_base::client, [&](beast::error_code hec) {
            if (hec) {
              out.error = make_error(HttpError::Kind::tls, hec, false);
              return;
            }
            exchange(tls_stream, req, buffer, parser, out);
          });
        });
      });
  // Short slices so a cancel is seen within 50 ms; closing the socket ends every pending step.
  bool cancelled = false;
  while (!ioc.stopped()) {
    ioc.run_for(std::chrono::milliseconds(50));
    if (!cancelled && cancel != nullptr && cancel->cancelled() && !ioc.stopped()) {
      cancelled = true;
      resolver.cancel();
      beast::error_code ignored;
      tcp_stream.socket().close(ignored);
    }
  }
  if (cancelled && !out.response) return HttpError{HttpError::Kind::cancelled, "cancelled", out.sent};
  if (out.response) return *out.response;
  if (out.error) return *out.error;
  return HttpError{HttpError::Kind::protocol, "no response", out.sent};
}

}  // namespace onboard::wizard
