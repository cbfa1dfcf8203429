// Running iproute2 (and other short programs) from the daemon.
#pragma once

#include <string>
#include <vector>

namespace onboard::air {

// Runs argv[0] (found in PATH) with argv, waits for it. Returns true when it
// exits 0; otherwise *error gets its stderr (or why it could not run).
bool run_command(const std::vector<std::string>& argv, std::string* error);

// run_command({"ip", args...}).
bool ip(std::vector<std::string> args, std::string* error);
// ip -n NS args...
bool ip_in(const std::string& ns, std::vector<std::string> args, std::string* error);

}  // namespace onboard::air
