#include "onboard/air_client/line.hpp"

#include "onboard/protocol/air/percent.hpp"

namespace onboard::air_client {

std::string make_line(std::string_view verb, const Fields& fields) {
  std::string line(verb);
  for (const auto& [key, value] : fields) {
    line += ' ';
    line += key;
    line += '=';
    const std::size_t at = line.size();
    line.resize(at + air::percent_encoded_size(value));
    air::percent_encode(value, line.data() + at, line.size() - at);
  }
  line += '\n';
  return line;
}

std::optional<Line> parse_line(std::string line, air::ParseError* error) {
  Line out;
  out.raw = line;
  air::Message message;
  const air::ParseError e = message.parse(line.data(), line.size());
  if (error != nullptr) *error = e;
  if (e != air::ParseError::none) return std::nullopt;
  out.verb = std::string(message.verb());
  for (std::size_t i = 0; i < message.size(); ++i) {
    out.fields[std::string(message.at(i).key)] = std::string(message.at(i).value);
  }
  return out;
}

}  // namespace onboard::air_client
