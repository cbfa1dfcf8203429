// Serial-monitor lines through hal::System::log_line: "[<ms>] text", built in a
// fixed buffer. Secrets go through mask(), which never writes their bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onboard/device/hal/clock.hpp"
#include "onboard/device/hal/system.hpp"

namespace onboard::device {

class Log;

// One line; written when it goes out of scope. Over-long lines end in "...".
class LogLine {
 public:
  static constexpr std::size_t kCapacity = 160;

  explicit LogLine(Log& log);
  ~LogLine();
  LogLine(const LogLine&) = delete;
  LogLine& operator=(const LogLine&) = delete;

  LogLine& operator<<(std::string_view text);
  LogLine& operator<<(const char* text) { return *this << std::string_view(text != nullptr ? text : ""); }
  LogLine& operator<<(std::int64_t value);
  LogLine& operator<<(int value) { return *this << static_cast<std::int64_t>(value); }
  LogLine& operator<<(unsigned value) { return *this << static_cast<std::int64_t>(value); }
  // Network names are any bytes: quoted, with non-printable bytes as '?'.
  LogLine& quoted(std::string_view bytes);
  // A password or token: "(none)" when empty, otherwise "****" and nothing of it.
  LogLine& mask(std::string_view secret);

  struct Quoted {
    std::string_view bytes;
  };
  struct Masked {
    std::string_view secret;
  };
  LogLine& operator<<(Quoted q) { return quoted(q.bytes); }
  LogLine& operator<<(Masked m) { return mask(m.secret); }

 private:
  void put(char c);
  Log& log_;
  char buf_[kCapacity];
  std::size_t size_ = 0;
  bool overflow_ = false;
};

class Log {
 public:
  Log(hal::System& system, const hal::Clock& clock) : system_(system), clock_(clock) {}
  LogLine line() { return LogLine(*this); }

 private:
  friend class LogLine;
  hal::System& system_;
  const hal::Clock& clock_;
};

}  // namespace onboard::device
