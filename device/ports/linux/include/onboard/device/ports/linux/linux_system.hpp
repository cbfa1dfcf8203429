// The "chip" of onboard-device: its id (from --chip-id, the air, or the
// machine), restart by re-executing itself, and the serial monitor on stderr.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onboard/device/hal/system.hpp"

namespace onboard::port {

class LinuxSystem final : public hal::System {
 public:
  // argv is kept to restart with the same arguments. log_fd is where lines go
  // (stderr: the board's serial monitor in the air).
  LinuxSystem(std::uint64_t chip_id, std::vector<std::string> argv, int log_fd = 2);

  std::uint64_t chip_id() const override { return chip_id_; }
  // execv(/proc/self/exe, argv): a fresh process image with the same pid, so
  // the air (and systemd) see the same program; every fd is close-on-exec.
  // Returns only when exec failed (then it logs why).
  void restart() override;
  std::size_t free_memory() const override;
  // "HH:MM:SS.mmm line\n" in one write(), so lines never interleave.
  void log_line(std::string_view line) override;

 private:
  std::uint64_t chip_id_;
  std::vector<std::string> argv_;
  int log_fd_;
};

// Parses a chip id in hex ("0x" optional, 1..16 digits).
std::optional<std::uint64_t> parse_chip_id(std::string_view text);

// A stable id for a real machine without --chip-id: FNV-1a of /etc/machine-id
// (so two Raspberry Pis get different AP names), or 0 when unreadable.
std::uint64_t machine_chip_id();

}  // namespace onboard::port
