// Waits for a condition with a deadline, sleeping in a Poller on the sources'
// descriptors between checks (tests never sleep a fixed time).
#pragma once

#include <chrono>
#include <initializer_list>

#include "onboard/device/ports/linux/poller.hpp"

namespace onboard::port::testing {

template <typename Condition>
bool wait_for(Condition condition, std::initializer_list<const PollSource*> sources,
              std::chrono::milliseconds limit = std::chrono::seconds(5)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  Poller poller;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    poller.clear();
    for (const PollSource* source : sources) source->add_to(poller);
    poller.wait(Poller::kMaxSleepMs);
  }
  return true;
}

}  // namespace onboard::port::testing
