// std::string helpers over protocol/air for the daemon and the CLI, which are
// not bound by the firmware's fixed buffers (control replies may be long).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "onboard/protocol/air/message.hpp"
#include "onboard/protocol/air/vocabulary.hpp"

namespace onboard::air {

using FieldList = std::vector<std::pair<std::string, std::string>>;

// "verb k=v k=v\n" with values percent-encoded.
std::string make_line(std::string_view verb, const FieldList& fields = {});

// A parsed line that owns its bytes.
struct ParsedLine {
  std::string verb;
  std::map<std::string, std::string> fields;

  std::string get(const std::string& key, const std::string& fallback = "") const {
    auto it = fields.find(key);
    return it == fields.end() ? fallback : it->second;
  }
  bool has(const std::string& key) const { return fields.count(key) != 0; }
};
// nullopt (and *error) when the line is malformed.
std::optional<ParsedLine> parse_line(std::string line, ParseError* error = nullptr);

// What the daemon answers to one request: data lines, then one ok/error line.
struct Reply {
  std::vector<std::string> data;  // complete lines with '\n'
  std::string verb = "ok";
  FieldList fields;

  static Reply error(Reason reason, std::string detail = "");
  Reply& add(std::string key, std::string value) {
    fields.emplace_back(std::move(key), std::move(value));
    return *this;
  }
  Reply& add(std::string key, long long value) { return add(std::move(key), std::to_string(value)); }
  bool ok() const { return verb == "ok"; }
  std::string serialize() const;
};

}  // namespace onboard::air
