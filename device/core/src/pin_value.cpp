#include "onboard/device/pin_value.hpp"

#include <cstring>

#include "onboard/protocol/codec/decimal.hpp"
namespace onboard::device {
namespace {

char* write_digits(unsigned long long value, char* end) {
  return codec::write_decimal(static_cast<std::uint64_t>(value), end);
}

}  // namespace

PinValue::PinValue(unsigned long long value) {
  char* end = digits_ + sizeof digits_;
  char* first = write_digits(value, end);
  text_ = std::string_view(first, static_cast<std::size_t>(end - first));
}

PinValue::PinValue(long long value) {
  char* end = digits_ + sizeof digits_;
  char* first = codec::write_decimal(static_cast<std::int64_t>(value), end);
  text_ = std::string_view(first, static_cast<std::size_t>(end - first));
}

PinValue::PinValue(double value) {
  if (value != value) {
    text_ = "nan";
    return;
  }
  bool negative = value < 0;
  if (negative) value = -value;
  if (value > 1e18) {
    text_ = negative ? "-inf" : "inf";
    return;
  }
  auto whole = static_cast<unsigned long long>(value);
  auto fraction = static_cast<unsigned long long>((value - static_cast<double>(whole)) * 1e6 + 0.5);
  if (fraction >= 1000000) {
    ++whole;
    fraction -= 1000000;
  }
  char* end = digits_ + sizeof digits_;
  char* first = end;
  if (fraction != 0) {
    int places = 6;
    while (fraction % 10 == 0) {
      fraction /= 10;
      --places;
    }
    for (int i = 0; i < places; ++i) {
      *--first = static_cast<char>('0' + fraction % 10);
      fraction /= 10;
    }
    *--first = '.';
  }
  first = write_digits(whole, first);
  if (negative && (whole != 0 || first + 1 != end)) *--first = '-';
  text_ = std::string_view(first, static_cast<std::size_t>(end - first));
}

PinValue::PinValue(const char* text) : text_(text != nullptr ? text : "") {}

PinValue::PinValue(const PinValue& other) {
  const char* begin = other.digits_;
  const char* data = other.text_.data();
  if (data >= begin && data < begin + sizeof digits_) {
    // Rendered digits live inside the object: copy them and re-point the view.
    std::memcpy(digits_, other.digits_, sizeof digits_);
    text_ = std::string_view(digits_ + (data - begin), other.text_.size());
  } else {
    text_ = other.text_;
  }
}

long long PinWrite::as_int() const {
  std::string_view text = value();
  bool negative = !text.empty() && text[0] == '-';
  if (negative) text.remove_prefix(1);
  long long result = 0;
  for (char c : text) {
    if (c < '0' || c > '9') break;
    result = result * 10 + (c - '0');
  }
  return negative ? -result : result;
}

double PinWrite::as_double() const {
  std::string_view text = value();
  bool negative = !text.empty() && text[0] == '-';
  if (negative) text.remove_prefix(1);
  double result = 0;
  double scale = 0;
  for (char c : text) {
    if (c == '.' && scale == 0) {
      scale = 1;
      continue;
    }
    if (c < '0' || c > '9') break;
    if (scale == 0) {
      result = result * 10 + (c - '0');
    } else {
      scale /= 10;
      result += (c - '0') * scale;
    }
  }
  return negative ? -result : result;
}

}  // namespace onboard::device
