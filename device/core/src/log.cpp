#include "onboard/device/log.hpp"

#include "onboard/protocol/codec/decimal.hpp"

namespace onboard::device {

LogLine::LogLine(Log& log) : log_(log) {
  *this << "[" << static_cast<std::int64_t>(log.clock_.now_ms()) << "] ";
}

LogLine::~LogLine() {
  if (overflow_ && size_ >= 3) {
    buf_[size_ - 3] = buf_[size_ - 2] = buf_[size_ - 1] = '.';
  }
  log_.system_.log_line(std::string_view(buf_, size_));
}

void LogLine::put(char c) {
  if (size_ < kCapacity) {
    buf_[size_++] = c;
  } else {
    overflow_ = true;
  }
}

LogLine& LogLine::operator<<(std::string_view text) {
  for (char c : text) put(c);
  return *this;
}

LogLine& LogLine::operator<<(std::int64_t value) {
  return *this << codec::Decimal(value).view();
}

LogLine& LogLine::quoted(std::string_view bytes) {
  put('"');
  for (char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    put(b < 0x20 || b == 0x7F ? '?' : c);
  }
  put('"');
  return *this;
}

LogLine& LogLine::mask(std::string_view secret) {
  return *this << (secret.empty() ? "(none)" : "****");
}

}  // namespace onboard::device
