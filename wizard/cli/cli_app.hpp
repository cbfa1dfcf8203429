// The `onboard` command line (interfaces.md): login, templates, add-device, reconfigure,
// devices. A function of its arguments and streams, so tests can run it in-process.
#pragma once

#include <iosfwd>

namespace onboard::cli {

struct Streams {
  std::istream& in;
  int in_fd;  // descriptor behind `in` for hidden password entry, or -1
  std::ostream& out;
  std::ostream& err;
};

// Exit codes: 0 success (device activated/reconfigured and online), 1 the operation failed,
// 2 bad arguments (the usage line and an example are printed).
int run(int argc, const char* const* argv, Streams io);

}  // namespace onboard::cli
