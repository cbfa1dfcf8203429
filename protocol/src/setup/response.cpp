#include "onboard/protocol/setup/response.hpp"

#include "onboard/protocol/setup/json_writer.hpp"

namespace onboard::setup {

std::string_view to_string(OkMessage message) {
  switch (message) {
    case OkMessage::config_saved: return "Configuration saved";
    case OkMessage::trying_to_connect: return "Trying to connect...";
    case OkMessage::config_reset: return "Configuration reset";
  }
  return "";
}

std::size_t write_ok_json(OkMessage message, char* out, std::size_t cap) {
  JsonWriter json(out, cap);
  json.begin_object().member("status", "ok").member("msg", to_string(message)).end_object();
  return json.complete() ? json.size() : 0;
}

std::size_t write_config_error_json(ParseResult error, char* out, std::size_t cap) {
  JsonWriter json(out, cap);
  json.begin_object().member("status", "error").member("msg", "Configuration invalid");
  if (!error.ok) {
    json.member("field", to_string(error.field));
    json.member("rule", to_string(error.rule));
    json.member("reason", describe(error.field, error.rule));
  }
  json.end_object();
  return json.complete() ? json.size() : 0;
}

}  // namespace onboard::setup
