// Reading nmcli's terse output (-t): fields split on ':' with '\:' and '\\'
// escapes, Wi-Fi list lines to scan results, and why a connect failed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onboard/device/hal/wifi.hpp"

namespace onboard::port::nmcli {

// Splits one terse line into its fields, undoing nmcli's escapes.
std::vector<std::string> split_terse(std::string_view line);

// One line of "nmcli -t -f SSID,BSSID,CHAN,SIGNAL,SECURITY,FREQ dev wifi list";
// nullopt when malformed or the SSID is longer than 32 bytes.
std::optional<hal::ScanResult> parse_scan_line(std::string_view line);
// Every line of that output; hidden networks (empty SSID) are kept.
std::vector<hal::ScanResult> parse_scan(std::string_view output);

// "2437 MHz" -> 2.4 GHz, "5180 MHz" -> 5 GHz (the 6 GHz band reads as 5: the
// HAL only knows the two bands a board cares about, and a board hears neither 5 nor 6).
hal::Band band_from_frequency(std::string_view frequency);
// "WPA2", "WPA1 WPA2", "WPA3", "WPA2 WPA3", "WEP", "WPA2 802.1X", "" or "--".
hal::Security security_from(std::string_view text);
// nmcli's SIGNAL is a 0..100 quality; dBm = quality / 2 - 100 (the usual mapping).
std::int8_t rssi_from_signal(int quality);

struct DeviceStatus {
  bool connected = false;
  hal::Ip4 ip;
  hal::Ip4 gateway;
};
// "nmcli -t -f GENERAL.STATE,IP4.ADDRESS,IP4.GATEWAY dev show IF" output.
DeviceStatus parse_device_status(std::string_view output);

// "GENERAL.HWADDR:DC\:A6\:32\:01\:02\:03" (from "dev show IF") -> the MAC.
std::optional<hal::MacAddress> parse_hardware_address(std::string_view output);

// Why "nmcli dev wifi connect" failed, from its exit code and stderr.
hal::LinkFailure join_failure(int exit_code, std::string_view error_output);

}  // namespace onboard::port::nmcli
