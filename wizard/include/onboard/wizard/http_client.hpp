// A small synchronous HTTP/1.1 client (plain TCP or TLS) with a deadline on every call.
// Used by both the cloud REST client and the device setup-API client; one request per connection.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "onboard/wizard/cancel.hpp"
#include "onboard/wizard/failure.hpp"

namespace onboard::wizard {

struct Endpoint {
  Endpoint() = default;
  Endpoint(std::string h, std::uint16_t p, bool use_tls = false)
      : host(std::move(h)), port(p), tls(use_tls) {}

  std::string host;
  std::uint16_t port = 80;
  bool tls = false;
  std::string ca_file;      // PEM to trust (TLS); empty: the system store
  bool verify_peer = true;  // TLS: false accepts any certificate (only for explicit opt-in)
};

struct HttpRequest {
  std::string method = "GET";
  std::string target = "/";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

struct HttpResponse {
  int status = 0;
  std::string body;
};

// What went wrong below HTTP. `request_sent` tells a dropped connection after the request was
// fully written (the peer may have acted on it) from one that never reached the peer.
struct HttpError {
  enum class Kind { resolve, connect, tls, timeout, closed, protocol, cancelled } kind;
  std::string message;
  bool request_sent = false;
};

class HttpResult {
 public:
  HttpResult(HttpResponse r) : ok_(true), response_(std::move(r)) {}  // NOLINT
  HttpResult(HttpError e) : ok_(false), error_(std::move(e)) {}       // NOLINT
  bool ok() const { return ok_; }
  const HttpResponse& response() const { return response_; }
  const HttpError& error() const { return error_; }

 private:
  bool ok_;
  HttpResponse response_;
  HttpError error_{HttpError::Kind::protocol, {}, false};
};

// The reason for a transport error: timeout, unreachable, tls_failed, ...
Reason reason_of(const HttpError& error);

// Sends one request and reads the whole response (body limit 1 MiB), all within `timeout`.
// `cancel`, when given, ends the call early (Kind::cancelled) once it is cancelled.
HttpResult http_send(const Endpoint& endpoint, const HttpRequest& request, std::chrono::milliseconds timeout,
                     const CancelToken* cancel = nullptr);

}  // namespace onboard::wizard
