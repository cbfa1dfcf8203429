// What the firmware is told on its semihosted command line (QEMU's
// -semihosting-config arg=...): its name in the air, chip id, flash file and
// the Settings a sketch would compile in. Each argument is percent-encoded
// (protocol/air's encoding), so values may hold spaces.
#pragma once

#include <cstddef>
#include <cstdint>

#include "onboard/device/settings.hpp"

namespace onboard::mps2 {

struct BoardOptions {
  const char* host = "";                      // --host: the board's name in the air (hello host=)
  std::uint64_t chip_id = 0x0BADC0DEull;      // --chip-id HEX
  const char* storage = "onboard-flash.bin";  // --storage PATH: the host file that is the flash
  device::Settings settings;                  // --template-id, --template-name, --cloud-host ...
};

// Parses argv (decoding each argument in place). False with a sentence in why.
bool parse_board_options(int argc, char** argv, BoardOptions* out, const char** why);

// Splits a NUL-terminated command line at spaces, in place; returns argc.
int split_command_line(char* line, char** argv, int capacity);

}  // namespace onboard::mps2
