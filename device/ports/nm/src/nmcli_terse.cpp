#include "onboard/device/ports/nm/nmcli_terse.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace onboard::port::nmcli {

namespace {

bool to_int(std::string_view text, int* out) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return error == std::errc{} && end == text.data() + text.size();
}

bool contains(std::string_view text, std::string_view word) {
  return text.find(word) != std::string_view::npos;
}

bool parse_mac(std::string_view text, hal::MacAddress* out) {
  if (text.size() != 17) return false;
  for (std::size_t i = 0; i < 6; ++i) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data() + i * 3, text.data() + i * 3 + 2, value, 16);
    if (error != std::errc{} || end != text.data() + i * 3 + 2) return false;
    if (i < 5 && text[i * 3 + 2] != ':') return false;
    out->bytes[i] = static_cast<std::uint8_t>(value);
  }
  return true;
}

// "192.168.1.23/24" or "192.168.1.1" -> Ip4.
bool parse_ip(std::string_view text, hal::Ip4* out) {
  const std::string address(text.substr(0, text.find('/')));
  in_addr parsed{};
  if (inet_pton(AF_INET, address.c_str(), &parsed) != 1) return false;
  out->value = ntohl(parsed.s_addr);
  return true;
}

}  // namespace

std::vector<std::string> split_terse(std::string_view line) {
  std::vector<std::string> fields(1);
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '\\' && i + 1 < line.size()) {
      fields.back().push_back(line[++i]);
    } else if (c == ':') {
      fields.emplace_back();
    } else {
      fields.back().push_back(c);
    }
  }
  return fields;
}

hal::Band band_from_frequency(std::string_view frequency) {
  int mhz = 0;
  const std::string_view digits = frequency.substr(0, frequency.find(' '));
  if (!to_int(digits, &mhz)) return hal::Band::Ghz2_4;
  return mhz >= 4900 ? hal::Band::Ghz5 : hal::Band::Ghz2_4;
}

hal::Security security_from(std::string_view text) {
  if (text.empty() || text == "--") return hal::Security::Open;
  if (contains(text, "802.1X")) return hal::Security::Wpa2Enterprise;
  const bool wpa3 = contains(text, "WPA3");
  const bool wpa2 = contains(text, "WPA2");
  const bool wpa1 = contains(text, "WPA1");
  if (wpa3) return wpa2 ? hal::Security::Wpa2Wpa3 : hal::Security::Wpa3;
  if (wpa2) return wpa1 ? hal::Security::WpaWpa2 : hal::Security::Wpa2;
  if (wpa1) return hal::Security::Wpa;
  if (contains(text, "WEP")) return hal::Security::Wep;
  return hal::Security::Unknown;
}

std::int8_t rssi_from_signal(int quality) {
  quality = std::clamp(quality, 0, 100);
  return static_cast<std::int8_t>(quality / 2 - 100);
}

std::optional<hal::ScanResult> parse_scan_line(std::string_view line) {
  const std::vector<std::string> fields = split_terse(line);
  if (fields.size() != 6) return std::nullopt;
  const std::string& ssid = fields[0];
  if (ssid.size() > sizeof(hal::ScanResult::ssid)) return std::nullopt;
  hal::ScanResult result;
  std::memcpy(result.ssid, ssid.data(), ssid.size());
  result.ssid_len = static_cast<std::uint8_t>(ssid.size());
  if (!parse_mac(fields[1], &result.bssid)) return std::nullopt;
  int channel = 0;
  int signal = 0;
  if (!to_int(fields[2], &channel) || !to_int(fields[3], &signal) || channel < 0 || channel > 255)
    return std::nullopt;
  result.channel = static_cast<std::uint8_t>(channel);
  result.rssi = rssi_from_signal(signal);
  result.security = security_from(fields[4]);
  result.band = band_from_frequency(fields[5]);
  return result;
}

std::vector<hal::ScanResult> parse_scan(std::string_view output) {
  std::vector<hal::ScanResult> results;
  while (!output.empty()) {
    const std::size_t newline = output.find('\n');
    std::string_view line = output.substr(0, newline);
    output = newline == std::string_view::npos ? std::string_view{} : output.substr(newline + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (auto result = parse_scan_line(line)) results.push_back(*result);
  }
  return results;
}

DeviceStatus parse_device_status(std::string_view output) {
  DeviceStatus status;
  while (!output.empty()) {
    const std::size_t newline = output.find('\n');
    const std::string_view line = output.substr(0, newline);
    output = newline == std::string_view::npos ? std::string_view{} : output.substr(newline + 1);
    const std::vector<std::string> fields = split_terse(line);
    if (fields.size() < 2) continue;
    const std::string& key = fields[0];
    // "GENERAL.STATE:100 (connected)"; "IP4.ADDRESS[1]:192.168.1.23/24"; "IP4.GATEWAY:192.168.1.1".
    if (key == "GENERAL.STATE") {
      status.connected = fields[1].rfind("100", 0) == 0;
    } else if (key.rfind("IP4.ADDRESS", 0) == 0 && status.ip.value == 0) {
      parse_ip(fields[1], &status.ip);
    } else if (key == "IP4.GATEWAY") {
      parse_ip(fields[1], &status.gateway);
    }
  }
  return status;
}

std::optional<hal::MacAddress> parse_hardware_address(std::string_view output) {
  const std::vector<std::string> fields = split_terse(output.substr(0, output.find('\n')));
  hal::MacAddress mac;
  if (fields.size() != 2 || fields[0] != "GENERAL.HWADDR" || !parse_mac(fields[1], &mac)) return std::nullopt;
  return mac;
}

hal::LinkFailure join_failure(int exit_code, std::string_view error_output) {
  // nmcli's messages (NetworkManager 1.30..1.46); the exit codes are documented
  // in nmcli(1): 3 timeout, 4 activation failed, 10 no such connection/AP.
  if (contains(error_output, "Secrets were required") ||
      contains(error_output, "802-11-wireless-security.psk") || contains(error_output, "wrong password") ||
      contains(error_output, "(7) Secrets"))
    return hal::LinkFailure::WrongPassword;
  if (contains(error_output, "No network with SSID") || exit_code == 10)
    return hal::LinkFailure::NetworkNotFound;
  if (contains(error_output, "IP configuration could not be reserved") || contains(error_output, "DHCP"))
    return hal::LinkFailure::NoIp;
  if (exit_code == 3 || contains(error_output, "Timeout")) return hal::LinkFailure::Timeout;
  return hal::LinkFailure::Other;
}

}  // namespace onboard::port::nmcli
