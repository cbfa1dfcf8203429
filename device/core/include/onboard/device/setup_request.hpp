// What the setup handlers see of a request, whichever way it came (HTTP in clear, or
// unsealed from /secure): method, path, query and body, with no HTTP framing.
#pragma once

#include <string_view>

#include "onboard/device/http_request_parser.hpp"

namespace onboard::device {

struct SetupRequest {
  HttpMethod method = HttpMethod::Other;
  std::string_view method_text;
  std::string_view path;
  std::string_view query;
  std::string_view body;

  static SetupRequest from(const HttpRequestParser& parsed) {
    return {parsed.method(), parsed.method_text(), parsed.path(), parsed.query(), parsed.body()};
  }
  // "METHOD /path?query" (the secure channel's plaintext). False when it is not one.
  static bool from_line(std::string_view line, SetupRequest& out);
};

}  // namespace onboard::device
