// Parsing the cloud server URL the user types (`http://host:8080`, `https://cloud.example`).
// Also where the device's default cloud host and port come from.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "onboard/wizard/failure.hpp"

namespace onboard::wizard {

struct Url {
  bool tls = false;
  std::string host;
  std::uint16_t port = 0;
  std::string base_path;  // without a trailing '/', usually empty

  std::string to_string() const;
};

// Accepts http:// and https:// (default ports 80 and 443), an IPv4 or a name, an optional
// port and path. A bare "host:port" is taken as http.
Result<Url> parse_url(std::string_view text);

}  // namespace onboard::wizard
