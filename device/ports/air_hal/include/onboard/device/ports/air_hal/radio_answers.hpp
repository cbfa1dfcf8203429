// The air's radio answers in the HAL's terms, for the two boards whose radio the air runs: the
// simulated Linux board (ports/air) and the bare-metal mps2 board over its UART (ports/mps2).
#pragma once

#include <cstdint>
#include <string_view>

#include "onboard/device/hal/wifi.hpp"
#include "onboard/protocol/air/message.hpp"

namespace onboard::air_hal {

// What a join's "error reason=" or a "link_lost reason=" means to the core.
hal::LinkFailure link_failure(std::string_view reason);

// An "ap" line of a scan; false, and *out untouched, when it is not a valid one.
bool read_scan_result(const air::Message& line, hal::ScanResult* out);

// A locally administered unicast MAC from the chip id, until the world's hello reply names ours.
hal::MacAddress mac_from_chip_id(std::uint64_t chip_id);

// As on an ESP32: the soft-AP's MAC is the station's plus one.
hal::MacAddress soft_ap_mac(const hal::MacAddress& station);

}  // namespace onboard::air_hal
