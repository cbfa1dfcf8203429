// Questions to the person at the terminal: a line with a default, or a secret typed without
// echo. Streams are injected so tests can script the answers.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

namespace onboard::cli {

class Terminal {
 public:
  // `in_fd`: the descriptor behind `in` (for switching echo off), or -1.
  Terminal(std::istream& in, std::ostream& out, int in_fd) : in_(in), out_(out), in_fd_(in_fd) {}

  // nullopt at end of input. An empty answer gives `fallback`.
  std::optional<std::string> ask(const std::string& question, const std::string& fallback = {});
  // Like ask, but the typed characters are not shown (termios ECHO off) when input is a TTY.
  std::optional<std::string> ask_secret(const std::string& question);

  std::ostream& out() { return out_; }

 private:
  std::istream& in_;
  std::ostream& out_;
  int in_fd_;
};

}  // namespace onboard::cli
