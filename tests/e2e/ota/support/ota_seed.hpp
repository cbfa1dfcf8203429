// The seed of a scenario's random power-cut moments: ONBOARD_OTA_SEED when set (to replay
// a run), else a fresh one; always printed, so every run can be replayed.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <random>
#include <string>

namespace onboard::e2e {

inline std::uint32_t scenario_seed(const std::string& scenario) {
  const char* given = std::getenv("ONBOARD_OTA_SEED");
  const std::uint32_t seed = given != nullptr ? static_cast<std::uint32_t>(std::strtoul(given, nullptr, 10))
                                              : std::random_device{}();
  std::cout << scenario << ": seed " << seed << " (replay with ONBOARD_OTA_SEED=" << seed << ")\n";
  return seed;
}

}  // namespace onboard::e2e
