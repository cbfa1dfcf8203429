// URL parsing for the cloud server address; strict enough to catch typos early.
#include "onboard/wizard/url.hpp"

#include <charconv>

namespace onboard::wizard {

std::string Url::to_string() const {
  return std::string(tls ? "https://" : "http://") + host + ":" + std::to_string(port) + base_path;
}

Result<Url> parse_url(std::string_view text) {
  Url url;
  std::string_view rest = text;
  if (rest.starts_with("https://")) {
    url.tls = true;
    url.port = 443;
    rest.remove_prefix(8);
  } else if (rest.starts_with("http://")) {
    url.port = 80;
    rest.remove_prefix(7);
  } else if (rest.find("://") != std::string_view::npos) {
    return fail(Reason::bad_url, "only http:// and https:// servers are supported");
  } else {
    url.port = 80;
  }
  auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) {
    url.base_path = std::string(rest.substr(slash));
    while (!url.base_path.empty() && url.base_path.back() == '/') url.base_path.pop_back();
  }
  auto colon = authority.rfind(':');
  if (colon != std::string_view::npos) {
    std::string_view port = authority.substr(colon + 1);
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535) {
      return fail(Reason::bad_url, "the port in '" + std::string(text) + "' is not a number from 1 to 65535");
    }
    url.port = static_cast<std::uint16_t>(value);
    authority = authority.substr(0, colon);
  }
  if (authority.empty()) return fail(Reason::bad_url, "no host in '" + std::string(text) + "'");
  url.host = std::string(authority);
  return url;
}

}  // namespace onboard::wizard
