// The command line that powers on a QEMU board: qemu-system-arm's mps2-an386
// with the firmware image, UART0 connected to the air's control socket (the
// radio link), the LAN9118 on the board's tap (the radio's data plane) and the
// firmware's arguments on its semihosted command line.
#pragma once

#include <string>
#include <vector>

namespace onboard::air {

struct QemuBoard {
  std::string image;    // the firmware ELF
  std::string host;     // the board's name (its hello host=)
  std::string chip_id;  // hex
  std::string mac;      // the station MAC, "24:00:..."
  std::string socket;   // the air's control socket
  std::string flash;    // the host file that is its flash
  std::string tap;      // the tap in its host
  std::vector<std::string> firmware_args;
};

// Each firmware argument is percent-encoded (so spaces survive the semihosted
// command line, which is split at spaces) and its commas doubled for QEMU.
std::vector<std::string> qemu_board_command(const QemuBoard& board);

}  // namespace onboard::air
