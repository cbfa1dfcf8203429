// The `/config` request: Wi-Fi credentials, auth token, cloud endpoint and optional static IP.
// The device parses it from the query string; the wizard builds it, validates it and writes the query.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onboard/protocol/setup/ipv4.hpp"
#include "onboard/protocol/setup/limits.hpp"
#include "onboard/protocol/setup/parse_result.hpp"

namespace onboard::setup {

struct ConfigRequest {
  // Byte strings, not NUL-terminated: an SSID may hold any byte but NUL.
  char ssid[kSsidMaxLength] = {};
  std::uint8_t ssid_len = 0;
  char password[kPasswordMaxLength] = {};
  std::uint8_t password_len = 0;
  char token[kTokenLength] = {};
  std::uint8_t token_len = 0;
  char host[kHostMaxLength] = {};  // empty: the device uses its built-in cloud host
  std::uint16_t host_len = 0;
  // Edgent's two port keys, kept apart because they mean different transports:
  // `port_ssl` is a TLS port, `port` a plain TCP port. 0: that key was not given.
  std::uint16_t port = 0;
  std::uint16_t port_ssl = 0;

  // Static addressing is on exactly when `ip` is present; gw, dns and dns2 are optional.
  Ipv4 ip = 0;
  Ipv4 mask = 0;
  Ipv4 gw = 0;
  Ipv4 dns = 0;
  Ipv4 dns2 = 0;

  bool save = false;  // Edgent: store at once rather than only try

  // One bit per Field that carried a value. `pass` counts even when empty, so "open
  // network" (pass=) can be told from "forgot the password" (no pass key).
  std::uint16_t present = 0;

  bool has(Field field) const { return (present & bit(field)) != 0; }
  void mark(Field field) { present = static_cast<std::uint16_t>(present | bit(field)); }
  bool static_ip() const { return has(Field::ip); }

  // The cloud port the sender asked for. The rule for both keys: `port_ssl` wins, as Edgent's
  // TLS build reads only `port_ssl`; so a device given both connects with TLS to port_ssl and
  // ignores `port`. Neither: number 0, and the device keeps its built-in port and transport.
  struct CloudPort {
    std::uint16_t number = 0;
    bool tls = false;

    bool given() const { return number != 0; }
  };
  CloudPort cloud_port() const;

  std::string_view ssid_view() const { return {ssid, ssid_len}; }
  std::string_view password_view() const { return {password, password_len}; }
  std::string_view token_view() const { return {token, token_len}; }
  std::string_view host_view() const { return {host, host_len}; }

  // Builders for the wizard. Each copies and marks the field present; they return false
  // (changing nothing) only when the value exceeds the buffer. Rules are checked by validate().
  bool set_ssid(std::string_view value);
  bool set_password(std::string_view value);
  bool set_token(std::string_view value);
  bool set_host(std::string_view value);
  void set_port(std::uint16_t value);      // `port`: plain TCP
  void set_port_ssl(std::uint16_t value);  // `port_ssl`: TLS
  void set_ip(Field which, Ipv4 value);    // which: ip, mask, gw, dns or dns2

  static constexpr std::uint16_t bit(Field field) {
    return static_cast<std::uint16_t>(1u << static_cast<unsigned>(field));
  }
};

// Field-by-field equality of what the request means (present bits included).
bool operator==(const ConfigRequest& a, const ConfigRequest& b);
inline bool operator!=(const ConfigRequest& a, const ConfigRequest& b) {
  return !(a == b);
}

// Parses the query of GET /config (with or without the leading '?'). Keys: ssid, ssidManual
// (wins over ssid when non-empty), pass, blynk, host, port, port_ssl, ip, mask, gw, dns, dns2,
// save. `port` and `port_ssl` are parsed and checked each on its own, so a request may hold both
// (see cloud_port() for which one the device uses). Unknown keys are ignored; an empty value
// counts as absent (except pass: empty = open network, and save: a bare key means true).
// A repeated key: the first occurrence wins and later ones are not even decoded, matching
// the ESP WebServer::arg() that Edgent reads with. Errors come in the fixed field order above,
// whatever the order in the query. On failure `out` holds an unspecified partial request.
ParseResult parse_config_query(std::string_view query, ConfigRequest& out);
// The same over a query and a POST form body (application/x-www-form-urlencoded) together, as
// Edgent's WebServer::arg() sees them: the query's keys first, so a key in both is the query's.
ParseResult parse_config_query(std::string_view query, std::string_view form, ConfigRequest& out);

// Applies the same rules to a request built in code. ssid and token are required.
ParseResult validate(const ConfigRequest& request);

// The rules of one field (ssid, pass, token, host, port, port_ssl, ip, mask, gw, dns, dns2), including its
// cross-checks against earlier fields (mask needs ip; gw must lie in ip/mask). Lets a form
// check a field as it is typed.
ParseResult validate_field(const ConfigRequest& request, Field field);

// Writes the present fields as a query (no leading '?'), percent-encoded, each port under its
// own key, so parse_config_query(write_query(x)) == x for every x that validates.
// Returns the length written (not NUL-terminated), or 0 when it does not fit `cap`.
std::size_t write_query(const ConfigRequest& request, char* out, std::size_t cap);

// Enough for any request that validates.
inline constexpr std::size_t kMaxQueryLength =
    (sizeof("ssid=") - 1) + 3 * kSsidMaxLength + (sizeof("&pass=") - 1) + 3 * kPasswordMaxLength +
    (sizeof("&blynk=") - 1) + kTokenLength + (sizeof("&host=") - 1) + kHostMaxLength +
    (sizeof("&port=") - 1) + kPortMaxDigits + (sizeof("&port_ssl=") - 1) + kPortMaxDigits +
    (sizeof("&ip=&mask=&gw=&dns=&dns2=") - 1) + 5 * kIpv4TextMaxLength + (sizeof("&save=1") - 1);

}  // namespace onboard::setup
