#include "wire/line.hpp"

namespace onboard::air {

Reply Reply::error(Reason reason, std::string detail) {
  Reply r;
  r.verb = "error";
  r.add("reason", std::string(to_string(reason)));
  if (!detail.empty()) r.add("detail", std::move(detail));
  return r;
}

std::string Reply::serialize() const {
  std::string out;
  for (const auto& line : data) out += line;
  out += make_line(verb, fields);
  return out;
}

}  // namespace onboard::air
