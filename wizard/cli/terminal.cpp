// Hidden entry with termios: echo is restored even when reading fails.
#include "terminal.hpp"

#include <termios.h>
#include <unistd.h>

#include <istream>
#include <ostream>

namespace onboard::cli {

std::optional<std::string> Terminal::ask(const std::string& question, const std::string& fallback) {
  out_ << question;
  if (!fallback.empty()) out_ << " [" << fallback << "]";
  out_ << ": " << std::flush;
  std::string line;
  if (!std::getline(in_, line)) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line.empty() ? fallback : line;
}

std::optional<std::string> Terminal::ask_secret(const std::string& question) {
  out_ << question << ": " << std::flush;
  termios saved{};
  bool hidden = in_fd_ >= 0 && isatty(in_fd_) && tcgetattr(in_fd_, &saved) == 0;
  if (hidden) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(in_fd_, TCSAFLUSH, &quiet);
  }
  std::string line;
  bool got = static_cast<bool>(std::getline(in_, line));
  if (hidden) {
    tcsetattr(in_fd_, TCSAFLUSH, &saved);
    out_ << "\n";
  }
  if (!got) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace onboard::cli
