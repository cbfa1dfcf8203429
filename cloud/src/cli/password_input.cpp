#include "password_input.hpp"

#include <termios.h>
#include <unistd.h>

#include <fstream>
#include <iostream>

namespace onboard::cloud {

namespace {

void strip_line_end(std::string& s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
}

// One line from the terminal without echo.
std::optional<std::string> prompt_hidden(const char* prompt) {
  std::cerr << prompt << std::flush;
  termios saved{};
  const bool tty = ::tcgetattr(STDIN_FILENO, &saved) == 0;
  if (tty) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  const bool ok = static_cast<bool>(std::getline(std::cin, line));
  if (tty) {
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    std::cerr << "\n";
  }
  if (!ok) return std::nullopt;
  strip_line_end(line);
  return line;
}

}  // namespace

std::optional<std::string> read_password(const PasswordSource& source, std::string& error) {
  if (source.given && !source.file.empty()) {
    error = "give --password or --password-file, not both";
    return std::nullopt;
  }
  if (source.given) return source.value;
  if (!source.file.empty()) {
    std::ifstream in(source.file);
    std::string line;
    if (!in || !std::getline(in, line)) {
      error = "cannot read a password from " + source.file;
      return std::nullopt;
    }
    strip_line_end(line);  // the first line; a trailing newline is not part of it
    return line;
  }
  if (::isatty(STDIN_FILENO) == 0) {
    // A script piping the password: the first line of standard input.
    std::string line;
    if (!std::getline(std::cin, line)) {
      error = "no password: give --password-file F, or type it at the prompt";
      return std::nullopt;
    }
    strip_line_end(line);
    return line;
  }
  auto first = prompt_hidden("Password: ");
  if (!first) {
    error = "no password typed";
    return std::nullopt;
  }
  auto again = prompt_hidden("Password again: ");
  if (!again || *again != *first) {
    error = "the two passwords differ";
    return std::nullopt;
  }
  return first;
}

}  // namespace onboard::cloud
