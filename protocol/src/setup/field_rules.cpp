#include "onboard/protocol/setup/field_rules.hpp"

#include "onboard/protocol/setup/limits.hpp"

namespace onboard::setup {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool has_nul(std::string_view text) {
  return text.find('\0') != std::string_view::npos;
}

Rule rule_for(Ipv4Status status) {
  switch (status) {
    case Ipv4Status::ok: return Rule::none;
    case Ipv4Status::malformed: return Rule::bad_ipv4;
    case Ipv4Status::leading_zero: return Rule::leading_zero;
    case Ipv4Status::out_of_range: return Rule::out_of_range;
  }
  return Rule::bad_ipv4;
}

bool all_digits(std::string_view text) {
  for (char c : text) {
    if (!is_digit(c)) return false;
  }
  return !text.empty();
}

}  // namespace

Rule check_ssid(std::string_view ssid) {
  if (ssid.size() < kSsidMinLength) return Rule::required;
  if (ssid.size() > kSsidMaxLength) return Rule::too_long;
  if (has_nul(ssid)) return Rule::contains_nul;
  return Rule::none;
}

Rule check_password(std::string_view password) {
  if (password.empty()) return Rule::none;
  if (password.size() > kPasswordMaxLength) return Rule::too_long;
  if (has_nul(password)) return Rule::contains_nul;
  // No lower bound: Edgent hands any password to the radio (WEP keys of 5 or 13 characters,
  // 10 or 26 hex digits, or a short key the network then refuses as wrong_password). Only
  // 64 characters mean something else to the radio: a raw PSK, so they must be hex.
  if (password.size() == kPskHexLength) {
    for (char c : password) {
      if (!is_hex(c)) return Rule::not_hex;
    }
  }
  return Rule::none;
}

Rule check_token(std::string_view token) {
  if (token.empty()) return Rule::required;
  if (token.size() < kTokenLength) return Rule::too_short;
  if (token.size() > kTokenLength) return Rule::too_long;
  for (char c : token) {
    if (!is_alpha(c) && !is_digit(c) && c != '-' && c != '_') return Rule::bad_char;
  }
  return Rule::none;
}

Rule check_host(std::string_view host) {
  if (host.empty()) return Rule::required;
  if (host.size() > kHostMaxLength) return Rule::too_long;
  for (char c : host) {
    if (!is_alpha(c) && !is_digit(c) && c != '-' && c != '.') return Rule::bad_char;
  }
  const std::size_t last_dot = host.rfind('.');
  const std::string_view last_label = last_dot == std::string_view::npos ? host : host.substr(last_dot + 1);
  if (all_digits(last_label)) return rule_for(parse_ipv4(host).status);

  std::string_view rest = host;
  while (true) {
    const std::size_t dot = rest.find('.');
    const std::string_view label = rest.substr(0, dot);
    if (label.empty() || label.size() > kHostLabelMaxLength) return Rule::bad_label;
    if (label.front() == '-' || label.back() == '-') return Rule::bad_label;
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  return Rule::none;
}

Rule parse_port(std::string_view text, std::uint16_t& port) {
  if (text.empty()) return Rule::required;
  if (!all_digits(text)) return Rule::not_number;
  if (text.size() > 1 && text.front() == '0') return Rule::leading_zero;
  if (text.size() > kPortMaxDigits) return Rule::out_of_range;
  std::uint32_t value = 0;
  for (char c : text) value = value * 10 + static_cast<std::uint32_t>(c - '0');
  if (value < kPortMin || value > 65535u) return Rule::out_of_range;
  port = static_cast<std::uint16_t>(value);
  return Rule::none;
}

Rule parse_ipv4_field(std::string_view text, Ipv4& value) {
  if (text.empty()) return Rule::required;
  const Ipv4Result result = parse_ipv4(text);
  if (!result.ok()) return rule_for(result.status);
  value = result.value;
  return Rule::none;
}

}  // namespace onboard::setup
