// Where `user add` gets the password: --password (visible in ps), a file, or
// a prompt on the terminal with echo off (or one line of standard input).
#pragma once

#include <optional>
#include <string>

namespace onboard::cloud {

struct PasswordSource {
  std::string value;   // --password
  std::string file;    // --password-file
  bool given = false;  // --password was on the command line
};

// The password, or nullopt with `error` set.
std::optional<std::string> read_password(const PasswordSource& source, std::string& error);

}  // namespace onboard::cloud
