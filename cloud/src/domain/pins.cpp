#include "onboard/cloud/domain/pins.hpp"

namespace onboard::cloud {

std::optional<std::string> virtual_pin_from_number(std::string_view digits) {
  if (digits.empty() || digits.size() > 8) return std::nullopt;  // "00000005" still reads as 5
  int value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value > kMaxVirtualPin) return std::nullopt;
  return "V" + std::to_string(value);
}

std::optional<std::string> virtual_pin_from_name(std::string_view name) {
  if (name.size() < 2 || (name[0] != 'V' && name[0] != 'v')) return std::nullopt;
  return virtual_pin_from_number(name.substr(1));
}

}  // namespace onboard::cloud
