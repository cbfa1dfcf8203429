// The daemon's replies as owned strings; lines are built and parsed by air_client, which
// the CLI and the wizard share.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "onboard/air_client/line.hpp"
#include "onboard/protocol/air/message.hpp"
#include "onboard/protocol/air/vocabulary.hpp"

namespace onboard::air {

using FieldList = air_client::Fields;
using ParsedLine = air_client::Line;
using air_client::make_line;
using air_client::parse_line;

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
