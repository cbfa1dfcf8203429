// The wizard reads the device's setup replies here, with the same names the device writes
// them with, so the two sides of the setup API share one contract.
#include <cstring>

#include "onboard/protocol/setup/board_info.hpp"
#include "onboard/protocol/setup/connect_status.hpp"
#include "onboard/protocol/setup/json_reader.hpp"
#include "onboard/protocol/setup/response.hpp"
#include "onboard/protocol/setup/scan_entry.hpp"

namespace onboard::setup {
namespace {

using Token = JsonReader::Token;

// One member's value as the tolerant types the device's readers want: text (a number is
// kept as written), integer (a numeric string counts), boolean (a number counts).
struct Value {
  Token token = Token::null;
  std::string_view text;
  bool flag = false;
  std::int64_t number = 0;
  bool is_number = false;

  std::string_view as_text() const {
    return token == Token::string || token == Token::number ? text : std::string_view();
  }
  std::int64_t as_int() const {
    if (is_number) return number;
    JsonReader r(text, nullptr, 0);
    std::int64_t v = 0;
    if (token == Token::string && r.next() == Token::number && r.integer(&v)) return v;
    return 0;
  }
  bool as_bool() const { return token == Token::boolean ? flag : (is_number && number != 0); }
};

// Reads the value after a key; nested values are skipped (and read as null).
bool read_value(JsonReader& r, Value& v) {
  const Token t = r.next();
  v = Value{};
  v.token = t;
  switch (t) {
    case Token::string:
    case Token::boolean:
    case Token::null:
      v.text = r.text();
      v.flag = r.boolean_value();
      return true;
    case Token::number:
      v.text = r.text();
      v.is_number = r.integer(&v.number);
      return true;
    case Token::begin_object:
    case Token::begin_array: {
      const std::size_t inside = r.depth();
      while (r.depth() >= inside) {
        const Token n = r.next();
        if (n == Token::error || n == Token::end) return false;
      }
      v.token = Token::null;
      return true;
    }
    default: return false;
  }
}

// Calls member(key, value) for each member of the object that starts now.
template <class F>
bool read_object(JsonReader& r, Token first, F&& member) {
  if (first != Token::begin_object) return false;
  for (;;) {
    const Token t = r.next();
    if (t == Token::end_object) return true;
    if (t != Token::key) return false;
    const std::string_view key = r.text();
    Value v;
    if (!read_value(r, v)) return false;
    member(key, v);
  }
}

Reason reason_or_internal(std::string_view text) {
  if (text.empty()) return Reason::none;
  Reason r = Reason::internal;
  reason_from_string(text, r);
  return r;
}

bool at_end(JsonReader& r) {
  return r.next() == Token::end;
}

}  // namespace

bool read_board_info_json(std::string_view json, char* scratch, std::size_t cap, BoardInfo& out) {
  JsonReader r(json, scratch, cap);
  BoardInfo info;
  info.wifi_scan = false;
  info.static_ip = false;
  info.onboard = 0;
  info.security = {};  // older firmware says nothing: treat as open, but say it was absent
  const bool ok = read_object(r, r.next(), [&](std::string_view key, const Value& v) {
    if (key == "board")
      info.board = v.as_text();
    else if (key == "tmpl_id")
      info.tmpl_id = v.as_text();
    else if (key == "fw_type")
      info.fw_type = v.as_text();
    else if (key == "fw_ver")
      info.fw_ver = v.as_text();
    else if (key == "ssid")
      info.ssid = v.as_text();
    else if (key == "bssid")
      parse_mac(v.as_text(), info.bssid);
    else if (key == "mac")
      parse_mac(v.as_text(), info.mac);
    else if (key == "last_reason")
      info.last_reason = reason_or_internal(v.as_text());
    else if (key == "wifi_scan")
      info.wifi_scan = v.as_bool();
    else if (key == "static_ip")
      info.static_ip = v.as_bool();
    else if (key == "onboard")
      info.onboard = static_cast<int>(v.as_int());
    else if (key == "security")
      info.security = v.as_text();
  });
  if (!ok || !at_end(r)) return false;
  out = info;
  return true;
}

bool read_scan_json(std::string_view json, ScanEntry* out, std::size_t cap, std::size_t* count) {
  char scratch[512];  // one entry's keys and texts; reused entry by entry
  JsonReader r(json, scratch, sizeof scratch);
  if (r.next() != Token::begin_array) return false;
  std::size_t n = 0;
  for (;;) {
    r.reuse_scratch();
    const Token t = r.next();
    if (t == Token::end_array) break;
    ScanEntry entry;
    bool hidden = false;
    const bool ok = read_object(r, t, [&](std::string_view key, const Value& v) {
      if (key == "ssid")
        entry.set_ssid(v.as_text());
      else if (key == "bssid")
        parse_mac(v.as_text(), entry.bssid);
      else if (key == "rssi")
        entry.rssi = static_cast<int>(v.as_int());
      else if (key == "sec" && !security_from_string(v.as_text(), entry.security))
        entry.security = Security::unknown;
      else if (key == "ch")
        entry.channel = static_cast<std::uint8_t>(v.as_int() >= 0 && v.as_int() <= 255 ? v.as_int() : 0);
      else if (key == "hidden")
        hidden = v.as_bool();
    });
    if (!ok) return false;
    entry.hidden = hidden || entry.ssid_len == 0;
    if (n < cap) out[n++] = entry;
  }
  if (!at_end(r)) return false;
  *count = n;
  return true;
}

bool read_connect_status_json(std::string_view json, ConnectStatus& out) {
  char scratch[64];
  JsonReader r(json, scratch, sizeof scratch);
  ConnectStatus status;
  bool state_known = false;
  const bool ok = read_object(r, r.next(), [&](std::string_view key, const Value& v) {
    if (key == "state")
      state_known = connect_state_from_string(v.as_text(), status.state);
    else if (key == "reason")
      status.reason = reason_or_internal(v.as_text());
  });
  if (!ok || !state_known || !at_end(r)) return false;
  out = status;
  return true;
}

bool read_config_reply_json(std::string_view json, char* scratch, std::size_t cap, ConfigReply& out) {
  JsonReader r(json, scratch, cap);
  ConfigReply reply;
  const bool ok = read_object(r, r.next(), [&](std::string_view key, const Value& v) {
    if (key == "status")
      reply.ok = v.as_text() == "ok";
    else if (key == "msg")
      reply.msg = v.as_text();
    else if (key == "field")
      reply.field = v.as_text();
    else if (key == "rule")
      reply.rule = v.as_text();
    else if (key == "reason")
      reply.reason = v.as_text();
  });
  if (!ok || !at_end(r)) return false;
  out = reply;
  return true;
}

}  // namespace onboard::setup
