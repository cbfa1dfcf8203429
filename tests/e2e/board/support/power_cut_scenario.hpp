// The power-cut scenario (scenario 4) that both kinds of board run: the Linux board
// (board/power_cut_test.cpp) and the QEMU mps2 board (mcuboard/qemu_power_cut_test.cpp).
#pragma once

#include <string>

#include "world.hpp"

namespace onboard::e2e {

struct PowerCutTally {
  int kept_old = 0;  // boots that came up with the configuration before the cut
  int got_new = 0;   // boots that came up with the one sent at the cut
};

// With a phone named "phone" and `board` added (with --offline-ap-delay 0, so its AP reopens
// at once after each boot): saves "Net-0", then `cuts` times sends the next configuration and
// cuts the power at a spread-out moment around its commit. Each boot must come up with the
// old or the new configuration; anything else fails the test (gtest assertions, fatal ones
// returning early: check HasFatalFailure()).
PowerCutTally run_power_cuts(World& world, const std::string& board, int cuts);

}  // namespace onboard::e2e
