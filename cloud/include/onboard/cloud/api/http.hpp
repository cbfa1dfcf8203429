// HTTP requests and responses as the request policy sees them: plain values,
// no sockets. The network layer converts from and to Beast messages.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "onboard/cloud/context.hpp"

namespace onboard::cloud {

struct HttpRequest {
  std::string method;  // "GET"
  std::string target;  // "/api/v1/devices?x=1"
  std::string authorization;
  std::string body;
  std::string remote_address;
  std::uint64_t request_id = 0;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// The whole request policy: REST API, device HTTP API, /healthz, /metrics.
HttpResponse handle_request(Context& ctx, const HttpRequest& request);

// {"error": error, "reason": reason}
HttpResponse json_error(int status, const std::string& error, const std::string& reason);

}  // namespace onboard::cloud
