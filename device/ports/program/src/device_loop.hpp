// Builds the ports onboard-device runs on (air or NetworkManager), hands them to
// the device core, and runs its loop, sleeping in poll() between wakeups.
#pragma once

#include <string>
#include <vector>

#include "device_options.hpp"

namespace onboard::program {

// Runs until SIGTERM or SIGINT (exit 0); returns 1 when a port cannot start
// (state dir, CA file, air socket), after logging why. argv is kept for restart().
int run_device(const DeviceOptions& options, std::vector<std::string> argv);

}  // namespace onboard::program
