// Values for virtual_write and the pin writes the cloud sends: numbers and text
// rendered without printf (newlib-nano has no float printf) and without the heap.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onboard/protocol/blynk/body.hpp"

namespace onboard::device {

// One value as text. Numbers are rendered into the object; text is only viewed.
class PinValue {
 public:
  PinValue(int value) : PinValue(static_cast<long long>(value)) {}
  PinValue(unsigned value) : PinValue(static_cast<unsigned long long>(value)) {}
  PinValue(long value) : PinValue(static_cast<long long>(value)) {}
  PinValue(unsigned long value) : PinValue(static_cast<unsigned long long>(value)) {}
  PinValue(long long value);
  PinValue(unsigned long long value);
  PinValue(bool value) : PinValue(value ? 1 : 0) {}
  // Up to 6 decimals, trailing zeros dropped; "nan"/"inf" for non-finite values.
  PinValue(double value);
  PinValue(float value) : PinValue(static_cast<double>(value)) {}
  PinValue(const char* text);
  PinValue(std::string_view text) : text_(text) {}

  PinValue(const PinValue& other);
  PinValue& operator=(const PinValue&) = delete;

  std::string_view text() const { return text_; }

 private:
  char digits_[32] = {};
  std::string_view text_;
};

// A pin write from the cloud: "vw" <pin> <value>... (one or more values).
struct PinWrite {
  std::uint8_t pin = 0;
  blynk::Fields values{{}};

  std::string_view value() const { return values.at(0); }
  // 0 when the value is not a number.
  long long as_int() const;
  double as_double() const;
};

}  // namespace onboard::device
