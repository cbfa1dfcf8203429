#include "onboard/protocol/setup/config_request.hpp"
#include "onboard/protocol/setup/field_rules.hpp"
#include "onboard/protocol/setup/query_string.hpp"

namespace onboard::setup {

namespace {

constexpr std::size_t kFieldCount = static_cast<std::size_t>(Field::save) + 1;

// The first raw (still encoded) value of each known key; `seen` tells "absent" from "empty".
struct RawValues {
  std::string_view value[kFieldCount] = {};
  bool seen[kFieldCount] = {};

  std::string_view get(Field f) const { return value[static_cast<std::size_t>(f)]; }
  bool non_empty(Field f) const { return !get(f).empty(); }
  bool has_key(Field f) const { return seen[static_cast<std::size_t>(f)]; }
};

struct KeyName {
  std::string_view key;
  Field field;
};

constexpr KeyName kKeys[] = {
    {"ssid", Field::ssid},         {"ssidManual", Field::ssid_manual},
    {"pass", Field::pass},         {"blynk", Field::token},
    {"host", Field::host},         {"port", Field::port},
    {"port_ssl", Field::port_ssl}, {"ip", Field::ip},
    {"mask", Field::mask},         {"gw", Field::gw},
    {"dns", Field::dns},           {"dns2", Field::dns2},
    {"save", Field::save},
};

void collect(std::string_view query, RawValues& raw) {
  for (const QueryPair& pair : QueryPairs(query)) {
    char key_buffer[kQueryKeyMaxLength];
    const DecodeResult key =
        codec::percent_decode(pair.key, key_buffer, sizeof(key_buffer), codec::Plus::space);
    // A key we cannot decode is not one of ours, so it is ignored like any unknown key.
    if (!key.ok()) continue;
    const std::string_view name(key_buffer, key.size);
    for (const KeyName& known : kKeys) {
      const auto index = static_cast<std::size_t>(known.field);
      if (known.key == name && !raw.seen[index]) {
        raw.seen[index] = true;
        raw.value[index] = pair.value;
      }
    }
  }
}

Rule decode_rule(DecodeStatus status) {
  return status == DecodeStatus::bad_escape ? Rule::bad_escape : Rule::too_long;
}

// Decodes into a field buffer; reports errors against `source`, the key actually sent.
template <typename Len, std::size_t N>
ParseResult decode_into(std::string_view raw, Field source, char (&buffer)[N], Len& length) {
  const DecodeResult result = codec::percent_decode(raw, buffer, N, codec::Plus::space);
  if (!result.ok()) return ParseResult::failure(source, decode_rule(result.status));
  length = static_cast<Len>(result.size);
  return ParseResult::success();
}

// The rule verdict on a resolved field, renamed to the key it came from.
ParseResult checked(const ConfigRequest& out, Field field, Field source) {
  ParseResult result = validate_field(out, field);
  if (!result.ok && result.field == field) result.field = source;
  return result;
}

ParseResult parse_text_fields(const RawValues& raw, ConfigRequest& out) {
  const Field ssid_source = raw.non_empty(Field::ssid_manual) ? Field::ssid_manual : Field::ssid;
  if (raw.non_empty(ssid_source)) {
    const ParseResult r = decode_into(raw.get(ssid_source), ssid_source, out.ssid, out.ssid_len);
    if (!r.ok) return r;
    out.mark(Field::ssid);
  }
  if (ParseResult r = checked(out, Field::ssid, ssid_source); !r.ok) return r;

  if (raw.has_key(Field::pass)) {
    const ParseResult r = decode_into(raw.get(Field::pass), Field::pass, out.password, out.password_len);
    if (!r.ok) return r;
    out.mark(Field::pass);
  }
  if (ParseResult r = validate_field(out, Field::pass); !r.ok) return r;

  if (raw.non_empty(Field::token)) {
    const ParseResult r = decode_into(raw.get(Field::token), Field::token, out.token, out.token_len);
    if (!r.ok) return r;
    out.mark(Field::token);
  }
  if (ParseResult r = validate_field(out, Field::token); !r.ok) return r;

  if (raw.non_empty(Field::host)) {
    const ParseResult r = decode_into(raw.get(Field::host), Field::host, out.host, out.host_len);
    if (!r.ok) return r;
    out.mark(Field::host);
  }
  return validate_field(out, Field::host);
}

template <typename Parse>
ParseResult parse_small(const RawValues& raw, Field source, Parse&& parse) {
  char text[kIpv4TextMaxLength];
  const DecodeResult decoded = codec::percent_decode(raw.get(source), text, sizeof(text), codec::Plus::space);
  if (!decoded.ok()) return ParseResult::failure(source, decode_rule(decoded.status));
  const Rule rule = parse(std::string_view(text, decoded.size));
  return rule == Rule::none ? ParseResult::success() : ParseResult::failure(source, rule);
}

ParseResult parse_number_fields(const RawValues& raw, ConfigRequest& out) {
  // Both keys are judged on their own; which one the device uses is ConfigRequest::cloud_port()'s rule.
  for (Field field : {Field::port, Field::port_ssl}) {
    if (!raw.non_empty(field)) continue;
    std::uint16_t value = 0;
    const ParseResult r = parse_small(raw, field, [&](std::string_view t) { return parse_port(t, value); });
    if (!r.ok) return r;
    if (field == Field::port) {
      out.set_port(value);
    } else {
      out.set_port_ssl(value);
    }
  }
  for (Field field : {Field::ip, Field::mask, Field::gw, Field::dns, Field::dns2}) {
    // As Edgent: without an ip the address is DHCP's, and mask, gw, dns and dns2 are ignored
    // (not even checked), so a form that always sends them still works.
    if (field != Field::ip && !raw.non_empty(Field::ip)) break;
    if (raw.non_empty(field)) {
      Ipv4 value = 0;
      const ParseResult r =
          parse_small(raw, field, [&](std::string_view t) { return parse_ipv4_field(t, value); });
      if (!r.ok) return r;
      out.set_ip(field, value);
    }
    if (ParseResult r = validate_field(out, field); !r.ok) return r;
  }
  return ParseResult::success();
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Edgent reads `save` as Arduino's String::toInt() (atol): leading blanks, an optional sign,
// then digits up to the first other character; a nonzero number saves. So "1", "2", "-1" and
// "1x" save; a bare key, "0", "true" or "on" only try. Never an error. Decoded on the fly
// (any length, no buffer); a broken %-escape ends the number there.
bool edgent_save(std::string_view raw) {
  bool in_number = false;  // past the blanks and the sign
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '+') {
      c = ' ';
    } else if (c == '%') {
      const int hi = i + 2 < raw.size() ? hex_value(raw[i + 1]) : -1;
      const int lo = hi >= 0 ? hex_value(raw[i + 2]) : -1;
      if (lo < 0) return false;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    }
    if (!in_number && (c == ' ' || (c >= '\t' && c <= '\r'))) continue;
    if (!in_number && (c == '+' || c == '-')) {
      in_number = true;
      continue;
    }
    in_number = true;
    if (c < '0' || c > '9') return false;
    if (c != '0') return true;
  }
  return false;
}

ParseResult parse_save(const RawValues& raw, ConfigRequest& out) {
  out.save = raw.has_key(Field::save) && edgent_save(raw.get(Field::save));
  return ParseResult::success();
}

}  // namespace

ParseResult parse_config_query(std::string_view query, ConfigRequest& out) {
  return parse_config_query(query, {}, out);
}

ParseResult parse_config_query(std::string_view query, std::string_view form, ConfigRequest& out) {
  out = ConfigRequest();
  RawValues raw;
  collect(query, raw);
  collect(form, raw);  // after the query: a key in both is the query's
  if (ParseResult r = parse_text_fields(raw, out); !r.ok) return r;
  if (ParseResult r = parse_number_fields(raw, out); !r.ok) return r;
  return parse_save(raw, out);
}

}  // namespace onboard::setup
