// HTTP requests and responses as the request policy sees them: plain values,
// no sockets. The network layer converts from and to Beast messages.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "onboard/cloud/context.hpp"

namespace onboard::cloud {

struct HttpRequest {
  std::string method;  // "GET"
  std::string target;  // "/api/v1/devices?x=1"
  std::string authorization;
  std::string accept_encoding;  // for precompressed console files
  std::string if_none_match;    // for console files' ETags
  std::string range;            // "bytes=N-" for firmware downloads
  std::string body;
  std::string remote_address;
  std::uint64_t request_id = 0;
};

// A response body that goes on after the headers (Server-Sent Events): the
// connection calls start() once, then next() on the blocking pool whenever
// wake was called or its keep-alive tick comes, writing what it returns.
class ResponseStream {
 public:
  virtual ~ResponseStream() = default;
  struct Chunk {
    std::string text;
    bool end = false;  // close the connection after text
  };
  // `wake` may be called from any thread, any number of times.
  virtual void start(std::function<void()> wake) = 0;
  // tick: the periodic call (a keep-alive comment is due, sessions re-checked).
  virtual Chunk next(bool tick) = 0;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::shared_ptr<ResponseStream> stream = nullptr;  // set: body is sent first, then the stream
};

// The whole request policy: REST API, device HTTP API, /healthz, /metrics.
HttpResponse handle_request(Context& ctx, const HttpRequest& request);

// The body limit for a request with this method and target: firmware uploads
// may be as large as firmware-max-bytes, everything else http-body-limit.
long body_limit_for(const Config& config, std::string_view method, std::string_view target);

// {"error": error, "reason": reason}
HttpResponse json_error(int status, const std::string& error, const std::string& reason);

}  // namespace onboard::cloud
