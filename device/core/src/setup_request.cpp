#include "onboard/device/setup_request.hpp"

namespace onboard::device {

bool SetupRequest::from_line(std::string_view line, SetupRequest& out) {
  const std::size_t space = line.find(' ');
  if (space == std::string_view::npos || space == 0) return false;
  const std::string_view method = line.substr(0, space);
  const std::string_view target = line.substr(space + 1);
  if (target.empty() || target[0] != '/') return false;
  for (char c : target) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return false;  // one token, as on a request line
  }
  out = SetupRequest{};
  out.method = http_method_from(method);
  out.method_text = method;
  const std::size_t q = target.find('?');
  out.path = q == std::string_view::npos ? target : target.substr(0, q);
  out.query = q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
  return true;
}

}  // namespace onboard::device
