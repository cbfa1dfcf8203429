#include "onboard/device/ports/linux/poller.hpp"

#include <algorithm>
#include <cerrno>

namespace onboard::port {

void Poller::add(int fd, short events) {
  if (fd < 0) return;
  for (pollfd& entry : fds_) {
    if (entry.fd == fd) {
      entry.events = static_cast<short>(entry.events | events);
      return;
    }
  }
  fds_.push_back(pollfd{fd, events, 0});
}

int Poller::wait(std::uint64_t timeout_ms) {
  const int timeout = wake_now_ ? 0 : static_cast<int>(std::min(timeout_ms, kMaxSleepMs));
  for (pollfd& entry : fds_) entry.revents = 0;
  const int ready = ::poll(fds_.data(), fds_.size(), timeout);
  // EINTR (a signal) is just an early wakeup; the loop runs the core anyway.
  return ready < 0 ? 0 : ready;
}

short Poller::revents(int fd) const {
  for (const pollfd& entry : fds_)
    if (entry.fd == fd) return entry.revents;
  return 0;
}

}  // namespace onboard::port
