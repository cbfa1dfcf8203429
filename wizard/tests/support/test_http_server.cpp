// One io_context thread accepts; each connection is served synchronously on that thread (the
// clients under test make one request per connection, so nothing waits on anything else).
#include "support/test_http_server.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <thread>

namespace onboard::wizard::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

struct TestHttpServer::Impl {
  explicit Impl(Handler h)
      : handler(std::move(h)), acceptor(ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0)) {
    port = acceptor.local_endpoint().port();
    accept();
    thread = std::thread([this] { ioc.run(); });
  }
  ~Impl() {
    net::post(ioc, [this] { acceptor.close(); });
    ioc.stop();
    thread.join();
  }

  void accept() {
    acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
      if (ec) return;
      serve(std::move(socket));
      accept();
    });
  }

  void serve(tcp::socket socket) {
    beast::flat_buffer buffer;
    http::request<http::string_body> req;
    beast::error_code ec;
    http::read(socket, buffer, req, ec);
    if (ec) return;
    TestRequest r;
    r.method = std::string(req.method_string());
    r.target = std::string(req.target());
    auto q = r.target.find('?');
    r.path = r.target.substr(0, q);
    r.query = q == std::string::npos ? "" : r.target.substr(q + 1);
    r.body = req.body();
    r.authorization = std::string(req[http::field::authorization]);
    TestResponse out = handler(r);
    if (out.drop) {
      socket.shutdown(tcp::socket::shutdown_both, ec);
      return;
    }
    http::response<http::string_body> res{static_cast<http::status>(out.status), 11};
    res.set(http::field::content_type, "application/json");
    res.set(http::field::connection, "close");
    res.body() = out.body;
    res.prepare_payload();
    http::write(socket, res, ec);
    socket.shutdown(tcp::socket::shutdown_both, ec);
  }

  Handler handler;
  std::uint16_t port = 0;
  net::io_context ioc;
  tcp::acceptor acceptor;
  std::thread thread;
};

TestHttpServer::TestHttpServer(Handler handler) : impl_(std::make_unique<Impl>(std::move(handler))) {}
TestHttpServer::~TestHttpServer() = default;
std::uint16_t TestHttpServer::port() const {
  return impl_->port;
}

}  // namespace onboard::wizard::testing
