// protocol/air lines as owned strings, for hosts that are not bound by the firmware's fixed
// buffers (control replies may be long): build one, or parse one into a verb and fields.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "onboard/protocol/air/message.hpp"

namespace onboard::air_client {

using Fields = std::vector<std::pair<std::string, std::string>>;

// "verb k=v k=v\n" with values percent-encoded.
std::string make_line(std::string_view verb, const Fields& fields = {});

// A parsed line that owns its bytes; `raw` keeps the line as received, so a protocol/air
// reader (e.g. air::read_scan_entry) can parse it again with its own rules.
struct Line {
  std::string verb;
  std::map<std::string, std::string> fields;
  std::string raw;

  std::string get(const std::string& key, const std::string& fallback = "") const {
    auto it = fields.find(key);
    return it == fields.end() ? fallback : it->second;
  }
  bool has(const std::string& key) const { return fields.count(key) != 0; }
};

// nullopt (and *error) when the line is malformed.
std::optional<Line> parse_line(std::string line, air::ParseError* error = nullptr);

}  // namespace onboard::air_client
