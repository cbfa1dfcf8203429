// Virtual pin names, one spelling each: Blynk's V0..V255, with leading zeros
// folded ("V01" is "V1"). Anything else is refused, so one device cannot
// grow an unbounded set of pins from spellings of the same number.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace onboard::cloud {

constexpr int kMaxVirtualPin = 255;

// "5", "05" -> "V5"; nullopt for anything that is not 0..255 in decimal digits.
std::optional<std::string> virtual_pin_from_number(std::string_view digits);
// "V5", "v05" -> "V5"; nullopt otherwise.
std::optional<std::string> virtual_pin_from_name(std::string_view name);

}  // namespace onboard::cloud
