#include "onboard/protocol/setup/config_request.hpp"

#include <cstring>

#include "onboard/protocol/setup/field_rules.hpp"

namespace onboard::setup {

namespace {

template <typename Len, std::size_t N>
bool copy_into(std::string_view value, char (&buffer)[N], Len& length) {
  if (value.size() > N) return false;
  if (!value.empty()) std::memcpy(buffer, value.data(), value.size());
  length = static_cast<Len>(value.size());
  return true;
}

ParseResult check(Field field, Rule rule) {
  return rule == Rule::none ? ParseResult::success() : ParseResult::failure(field, rule);
}

// /31 and /32 have no network or broadcast address to avoid (RFC 3021).
bool is_host_address(Ipv4 ip, Ipv4 mask) {
  if (ip == 0) return false;
  const Ipv4 host_bits = ~mask;
  if (host_bits <= 1) return true;
  return (ip & host_bits) != 0 && (ip & host_bits) != host_bits;
}

Ipv4 ip_value(const ConfigRequest& r, Field field) {
  switch (field) {
    case Field::ip: return r.ip;
    case Field::mask: return r.mask;
    case Field::gw: return r.gw;
    case Field::dns: return r.dns;
    case Field::dns2: return r.dns2;
    default: return 0;
  }
}

ParseResult validate_static(const ConfigRequest& r, Field field) {
  if (field == Field::ip) {
    if (!r.has(Field::ip)) return ParseResult::success();
    if (r.ip == 0 || r.ip == 0xFFFFFFFFu) return ParseResult::failure(field, Rule::not_host_address);
    return ParseResult::success();
  }
  if (!r.static_ip()) {
    return r.has(field) ? ParseResult::failure(field, Rule::requires_ip) : ParseResult::success();
  }
  if (field == Field::mask) {
    if (!r.has(Field::mask)) return ParseResult::failure(field, Rule::required);
    if (!is_contiguous_mask(r.mask)) return ParseResult::failure(field, Rule::bad_mask);
    if (!is_host_address(r.ip, r.mask)) return ParseResult::failure(Field::ip, Rule::not_host_address);
    return ParseResult::success();
  }
  if (field == Field::gw && r.has(Field::gw) && ((r.gw ^ r.ip) & r.mask) != 0) {
    return ParseResult::failure(field, Rule::outside_subnet);
  }
  return ParseResult::success();
}

}  // namespace

bool ConfigRequest::set_ssid(std::string_view value) {
  if (!copy_into(value, ssid, ssid_len)) return false;
  mark(Field::ssid);
  return true;
}

bool ConfigRequest::set_password(std::string_view value) {
  if (!copy_into(value, password, password_len)) return false;
  mark(Field::pass);
  return true;
}

bool ConfigRequest::set_token(std::string_view value) {
  if (!copy_into(value, token, token_len)) return false;
  mark(Field::token);
  return true;
}

bool ConfigRequest::set_host(std::string_view value) {
  if (!copy_into(value, host, host_len)) return false;
  // An empty host is the device's default, which a query expresses by leaving it out.
  if (value.empty()) {
    present = static_cast<std::uint16_t>(present & ~bit(Field::host));
  } else {
    mark(Field::host);
  }
  return true;
}

void ConfigRequest::set_port(std::uint16_t value) {
  port = value;
  mark(Field::port);
}

void ConfigRequest::set_port_ssl(std::uint16_t value) {
  port_ssl = value;
  mark(Field::port_ssl);
}

ConfigRequest::CloudPort ConfigRequest::cloud_port() const {
  if (has(Field::port_ssl)) return {port_ssl, true};
  if (has(Field::port)) return {port, false};
  return {};
}

void ConfigRequest::set_ip(Field which, Ipv4 value) {
  switch (which) {
    case Field::ip: ip = value; break;
    case Field::mask: mask = value; break;
    case Field::gw: gw = value; break;
    case Field::dns: dns = value; break;
    case Field::dns2: dns2 = value; break;
    default: return;
  }
  mark(which);
}

ParseResult validate_field(const ConfigRequest& r, Field field) {
  switch (field) {
    case Field::ssid:
      if (!r.has(Field::ssid)) return ParseResult::failure(field, Rule::required);
      return check(field, check_ssid(r.ssid_view()));
    case Field::pass:
      return r.has(field) ? check(field, check_password(r.password_view())) : ParseResult::success();
    case Field::token:
      if (!r.has(Field::token)) return ParseResult::failure(field, Rule::required);
      return check(field, check_token(r.token_view()));
    case Field::host: return r.has(field) ? check(field, check_host(r.host_view())) : ParseResult::success();
    case Field::port:
      if (r.has(field) && r.port < kPortMin) return ParseResult::failure(field, Rule::out_of_range);
      return ParseResult::success();
    case Field::port_ssl:
      if (r.has(field) && r.port_ssl < kPortMin) return ParseResult::failure(field, Rule::out_of_range);
      return ParseResult::success();
    case Field::ip:
    case Field::mask:
    case Field::gw:
    case Field::dns:
    case Field::dns2: return validate_static(r, field);
    default: return ParseResult::success();
  }
}

ParseResult validate(const ConfigRequest& request) {
  static constexpr Field kOrder[] = {Field::ssid, Field::pass,     Field::token, Field::host,
                                     Field::port, Field::port_ssl, Field::ip,    Field::mask,
                                     Field::gw,   Field::dns,      Field::dns2};
  for (Field field : kOrder) {
    const ParseResult result = validate_field(request, field);
    if (!result.ok) return result;
  }
  return ParseResult::success();
}

bool operator==(const ConfigRequest& a, const ConfigRequest& b) {
  if (a.present != b.present || a.save != b.save) return false;
  if (a.port != b.port || a.port_ssl != b.port_ssl) return false;
  if (a.ssid_view() != b.ssid_view() || a.password_view() != b.password_view()) return false;
  if (a.token_view() != b.token_view() || a.host_view() != b.host_view()) return false;
  for (Field field : {Field::ip, Field::mask, Field::gw, Field::dns, Field::dns2}) {
    if (ip_value(a, field) != ip_value(b, field)) return false;
  }
  return true;
}

}  // namespace onboard::setup
