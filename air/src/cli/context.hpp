// What every CLI command shares: finding the world and talking to it.
#pragma once

#include <stdexcept>
#include <string>

#include "onboard/air_client/client.hpp"
#include "run_dir.hpp"
#include "wire/line.hpp"

namespace onboard::air {

// Thrown by commands; main prints the message and exits with code.
struct CliError : std::runtime_error {
  CliError(int exit_code, const std::string& message) : std::runtime_error(message), code(exit_code) {}
  int code;
};

using Response = air_client::Reply;

struct Context {
  std::string run_dir_option;

  // --run-dir or $ONBOARD_AIR_RUN_DIR (exit 2 when neither names a directory).
  RunDir run_dir() const;
  // One request; an "error" reply throws CliError(1, "<what>: <reason> (<detail>)").
  Response call(std::string_view verb, const FieldList& fields, const std::string& what) const;
};

}  // namespace onboard::air
