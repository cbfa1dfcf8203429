// What provisioning gives a device and the store keeps: Wi-Fi credentials, the
// auth token, the cloud endpoint and optional static addressing. Holds secrets.
#pragma once

#include <cstdint>
#include <string_view>

namespace onboard::device {

struct NetworkConfig {
  static constexpr std::size_t kSsidMax = 32;
  static constexpr std::size_t kPasswordMax = 64;
  static constexpr std::size_t kTokenMax = 32;
  static constexpr std::size_t kHostMax = 253;

  std::uint8_t ssid[kSsidMax] = {};  // any bytes but NUL
  std::uint8_t ssid_len = 0;
  char password[kPasswordMax] = {};
  std::uint8_t password_len = 0;  // 0: open network
  char token[kTokenMax] = {};
  std::uint8_t token_len = 0;
  char host[kHostMax] = {};
  std::uint8_t host_len = 0;
  std::uint16_t port = 0;
  bool tls = true;
  // The cloud refused the token: keep the Wi-Fi credentials, but wait in AP mode
  // for a new token instead of retrying a login that cannot succeed.
  bool token_invalid = false;
  bool static_ip = false;
  std::uint32_t ip = 0, mask = 0, gateway = 0, dns = 0, dns2 = 0;  // host byte order

  std::string_view ssid_view() const { return {reinterpret_cast<const char*>(ssid), ssid_len}; }
  std::string_view password_view() const { return {password, password_len}; }
  std::string_view token_view() const { return {token, token_len}; }
  std::string_view host_view() const { return {host, host_len}; }
};

bool operator==(const NetworkConfig& a, const NetworkConfig& b);
inline bool operator!=(const NetworkConfig& a, const NetworkConfig& b) {
  return !(a == b);
}

}  // namespace onboard::device
