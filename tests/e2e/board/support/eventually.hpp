// Condition waits for the board scenarios: poll until something holds or a
// deadline passes, so no test depends on a fixed sleep.
#pragma once

#include <chrono>
#include <thread>

namespace onboard::e2e {

// True once check() holds; false when `limit` passed first.
template <typename Check>
bool eventually(Check&& check, std::chrono::milliseconds limit,
                std::chrono::milliseconds step = std::chrono::milliseconds(50)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!check()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(step);
  }
  return true;
}

}  // namespace onboard::e2e
