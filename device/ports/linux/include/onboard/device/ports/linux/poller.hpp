// Sleeps the main loop in poll() on every descriptor the ports have open, until
// one is ready or the core's next timer is due, so an idle device uses no CPU.
#pragma once

#include <poll.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace onboard::port {

class Poller {
 public:
  // The longest sleep: the core's timers (LED patterns, debounce) stay smooth
  // even when next_wakeup_ms() is far away or unknown.
  static constexpr std::uint64_t kMaxSleepMs = 20;

  // Starts a new round: forgets the descriptors of the previous one.
  void clear() {
    fds_.clear();
    wake_now_ = false;
  }
  // events: POLLIN and/or POLLOUT. Negative fds are ignored.
  void add(int fd, short events);
  std::size_t size() const { return fds_.size(); }
  // Some source has data ready that no descriptor shows (e.g. bytes OpenSSL
  // already decrypted): the next wait() must not sleep.
  void wake_now() { wake_now_ = true; }

  // Waits until a descriptor is ready or timeout_ms passed (capped at
  // kMaxSleepMs). Returns the number of ready descriptors (0 on timeout or EINTR).
  int wait(std::uint64_t timeout_ms);
  // After wait(): what happened on fd (0 when it was not added or not ready).
  short revents(int fd) const;

 private:
  std::vector<pollfd> fds_;
  bool wake_now_ = false;
};

// Something that owns descriptors and can register them for the next wait.
class PollSource {
 public:
  virtual void add_to(Poller& poller) const = 0;

 protected:
  ~PollSource() = default;
};

}  // namespace onboard::port
