// Connections per source IP before they log in: at most `max_waiting` at once
// and `max_per_second` new ones a second, so one address cannot hold
// thousands of silent sockets. Socket-free: the network layer asks admit()
// on accept and calls done_waiting() once a connection logs in, turns out to
// be HTTP, or closes.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace onboard::cloud {

class ConnectionLimits {
 public:
  using Clock = std::chrono::steady_clock;
  enum class Verdict { Admitted, TooManyWaiting, TooFast };

  ConnectionLimits(int max_waiting, int max_per_second)
      : max_waiting_(max_waiting), max_per_second_(max_per_second) {}

  // Admitted: counted as waiting until done_waiting(). `log` tells whether a
  // refusal should be logged (the first for this address in a minute).
  Verdict admit(const std::string& address, Clock::time_point now, bool& log);
  void done_waiting(const std::string& address);

 private:
  struct Entry {
    int waiting = 0;
    Clock::time_point second_start{};
    int this_second = 0;
    Clock::time_point logged_at{};
  };

  const int max_waiting_;
  const int max_per_second_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

std::string_view to_string(ConnectionLimits::Verdict verdict);

}  // namespace onboard::cloud
