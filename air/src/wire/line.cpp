#include "wire/line.hpp"

#include "onboard/protocol/air/percent.hpp"

namespace onboard::air {

std::string make_line(std::string_view verb, const FieldList& fields) {
  std::string line(verb);
  for (const auto& [key, value] : fields) {
    line += ' ';
    line += key;
    line += '=';
    const std::size_t at = line.size();
    line.resize(at + percent_encoded_size(value));
    percent_encode(value, line.data() + at, line.size() - at);
  }
  line += '\n';
  return line;
}

std::optional<ParsedLine> parse_line(std::string line, ParseError* error) {
  Message message;
  const ParseError e = message.parse(line.data(), line.size());
  if (error != nullptr) *error = e;
  if (e != ParseError::none) return std::nullopt;
  ParsedLine out;
  out.verb = std::string(message.verb());
  for (std::size_t i = 0; i < message.size(); ++i) {
    out.fields[std::string(message.at(i).key)] = std::string(message.at(i).value);
  }
  return out;
}

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
