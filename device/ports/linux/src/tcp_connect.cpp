#include "onboard/device/ports/linux/tcp_connect.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <string>

namespace onboard::port {

namespace {

// Resolves host to an IPv4 address. Numeric addresses never touch the resolver.
bool resolve(std::string_view host, in_addr* out) {
  const std::string name(host);
  if (inet_pton(AF_INET, name.c_str(), out) == 1) return true;
  addrinfo hints{};
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(name.c_str(), nullptr, &hints, &found) != 0 || found == nullptr) return false;
  *out = reinterpret_cast<sockaddr_in*>(found->ai_addr)->sin_addr;
  freeaddrinfo(found);
  return true;
}

}  // namespace

hal::StreamFailure failure_from_errno(int error) {
  switch (error) {
    case ECONNREFUSED: return hal::StreamFailure::Refused;
    case ETIMEDOUT: return hal::StreamFailure::Timeout;
    case ENETUNREACH:
    case EHOSTUNREACH:
    case ENETDOWN:
    case EHOSTDOWN:
    case EADDRNOTAVAIL: return hal::StreamFailure::Unreachable;
    default: return hal::StreamFailure::Other;
  }
}

ConnectStart start_tcp_connect(std::string_view host, std::uint16_t port) {
  in_addr address{};
  if (!resolve(host, &address)) return {-1, hal::StreamFailure::DnsFailed};
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return {-1, hal::StreamFailure::Other};
  // Small frames (Blynk pings, pin writes) should leave at once.
  const int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(port);
  to.sin_addr = address;
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&to), sizeof to) == 0 || errno == EINPROGRESS)
    return {fd, hal::StreamFailure::None};
  const int error = errno;
  ::close(fd);
  return {-1, failure_from_errno(error)};
}

short ready_events(int fd, short events) {
  pollfd entry{fd, events, 0};
  if (::poll(&entry, 1, 0) <= 0) return 0;
  return entry.revents;
}

ConnectProgress poll_tcp_connect(int fd, hal::StreamFailure* failure) {
  const short revents = ready_events(fd, POLLOUT);
  if (revents == 0) return ConnectProgress::Pending;
  int error = 0;
  socklen_t length = sizeof error;
  if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0) error = errno;
  if (error == 0 && (revents & (POLLERR | POLLHUP)) == 0) return ConnectProgress::Done;
  *failure = error == 0 ? hal::StreamFailure::Other : failure_from_errno(error);
  return ConnectProgress::Failed;
}

}  // namespace onboard::port
