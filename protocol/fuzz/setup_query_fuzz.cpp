// Fuzzes the /config query parser: whatever parses must survive write_query -> parse unchanged,
// must pass validate(), must pick its cloud port by the port_ssl-wins rule, and its SSID and
// password must come out of the JSON writer as clean JSON.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "onboard/protocol/setup/config_request.hpp"
#include "onboard/protocol/setup/json_writer.hpp"
#include "onboard/protocol/setup/response.hpp"

namespace {

using namespace onboard::setup;

void check_json_string(std::string_view value) {
  char out[6 * kPasswordMaxLength + 16];
  JsonWriter json(out, sizeof(out));
  json.begin_array().string(value).end_array();
  if (!json.complete()) std::abort();
  const std::string_view text = json.view();
  if (text.size() < 4 || text.front() != '[' || text.back() != ']') std::abort();
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20) std::abort();
    // An unescaped quote inside the string would end it early.
    if (c == '"' && i != 1 && i != text.size() - 2 && text[i - 1] != '\\') std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  ConfigRequest first;
  const ParseResult parsed = parse_config_query(query, first);
  if (!parsed.ok) {
    char body[kResponseJsonMaxLength];
    if (write_config_error_json(parsed, body, sizeof(body)) == 0) std::abort();
    return 0;
  }
  if (!validate(first).ok) std::abort();
  const ConfigRequest::CloudPort cloud = first.cloud_port();
  if (first.has(Field::port_ssl)) {
    if (!cloud.tls || cloud.number != first.port_ssl) std::abort();
  } else if (first.has(Field::port)) {
    if (cloud.tls || cloud.number != first.port) std::abort();
  } else if (cloud.given()) {
    std::abort();
  }

  char written[kMaxQueryLength];
  const std::size_t n = write_query(first, written, sizeof(written));
  if (n == 0) std::abort();
  ConfigRequest second;
  if (!parse_config_query(std::string_view(written, n), second).ok) std::abort();
  if (second != first) std::abort();

  check_json_string(first.ssid_view());
  check_json_string(first.password_view());
  return 0;
}
