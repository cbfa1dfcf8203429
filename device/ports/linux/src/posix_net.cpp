#include "onboard/device/ports/linux/posix_net.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "onboard/device/ports/linux/tcp_connect.hpp"

namespace onboard::port {

using hal::Handle;
using hal::IoResult;
using hal::StreamFailure;
using hal::StreamState;

namespace {

bool would_block(int error) {
  return error == EAGAIN || error == EWOULDBLOCK || error == EINTR;
}

sockaddr_in to_sockaddr(const hal::Endpoint& endpoint) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(endpoint.port);
  address.sin_addr.s_addr = htonl(endpoint.ip.value);
  return address;
}

}  // namespace

PosixNet::~PosixNet() {
  table_.for_each([](const Entry& entry) { ::close(entry.fd); });
}

Handle PosixNet::adopt(int fd, Kind kind, StreamState state) {
  const Handle handle = table_.allocate();
  Entry* entry = handle == hal::kNoHandle ? nullptr : table_.find(handle);
  if (entry == nullptr) {
    ::close(fd);
    return hal::kNoHandle;
  }
  entry->fd = fd;
  entry->kind = kind;
  entry->state = state;
  return handle;
}

void PosixNet::fail(Entry& entry, StreamFailure why) const {
  entry.state = StreamState::Failed;
  entry.failure = why;
}

void PosixNet::update(Entry& entry) const {
  if (entry.kind != Kind::Stream || entry.state != StreamState::Connecting) return;
  StreamFailure why = StreamFailure::None;
  switch (poll_tcp_connect(entry.fd, &why)) {
    case ConnectProgress::Pending: break;
    case ConnectProgress::Done: entry.state = StreamState::Connected; break;
    case ConnectProgress::Failed: fail(entry, why); break;
  }
}

Handle PosixNet::connect(std::string_view host, std::uint16_t port) {
  const ConnectStart start = start_tcp_connect(host, fixed_port_ != 0 ? fixed_port_ : port);
  if (start.fd >= 0) return adopt(start.fd, Kind::Stream, StreamState::Connecting);
  // A failed start still gets a handle, so the core can ask why (DnsFailed...).
  const Handle handle = table_.allocate();
  if (Entry* entry = table_.find(handle)) fail(*entry, start.failure);
  return handle;
}

StreamState PosixNet::state(Handle stream) const {
  Entry* entry = table_.find(stream);
  if (entry == nullptr) return StreamState::Closed;
  update(*entry);
  return entry->state;
}

StreamFailure PosixNet::failure(Handle stream) const {
  const Entry* entry = table_.find(stream);
  return entry == nullptr ? StreamFailure::None : entry->failure;
}

IoResult PosixNet::send(Handle stream, const std::uint8_t* data, std::size_t length) {
  Entry* entry = table_.find(stream);
  if (entry == nullptr || entry->kind != Kind::Stream) return hal::kIoError;
  update(*entry);
  if (entry->state == StreamState::Connecting) return 0;
  if (entry->state == StreamState::Closed) return hal::kIoClosed;
  if (entry->state != StreamState::Connected) return hal::kIoError;
  if (length == 0) return 0;
  const ssize_t sent = ::send(entry->fd, data, length, MSG_NOSIGNAL | MSG_DONTWAIT);
  if (sent >= 0) return static_cast<IoResult>(sent);
  if (would_block(errno)) return 0;
  fail(*entry, failure_from_errno(errno));
  return hal::kIoError;
}

IoResult PosixNet::receive(Handle stream, std::uint8_t* out, std::size_t capacity) {
  Entry* entry = table_.find(stream);
  if (entry == nullptr || entry->kind != Kind::Stream) return hal::kIoError;
  update(*entry);
  if (entry->state == StreamState::Connecting) return 0;
  if (entry->state == StreamState::Closed) return hal::kIoClosed;
  if (entry->state != StreamState::Connected) return hal::kIoError;
  if (capacity == 0) return 0;
  const ssize_t got = ::recv(entry->fd, out, capacity, MSG_DONTWAIT);
  if (got > 0) return static_cast<IoResult>(got);
  if (got == 0) {
    entry->state = StreamState::Closed;
    return hal::kIoClosed;
  }
  if (would_block(errno)) return 0;
  fail(*entry, failure_from_errno(errno));
  return hal::kIoError;
}

void PosixNet::close(Handle handle) {
  if (const Entry* entry = table_.find(handle)) {
    if (entry->fd >= 0) ::close(entry->fd);
    table_.release(handle);
  }
}

Handle PosixNet::bound_socket(int type, std::uint16_t port) {
  const int fd = ::socket(AF_INET, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return hal::kNoHandle;
  // A restarted device (re-exec) must get its setup port back at once, not
  // after TIME_WAIT; for UDP it lets the captive DNS rebind the same way.
  const int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_ANY);
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      (type == SOCK_STREAM && ::listen(fd, 16) != 0)) {
    ::close(fd);
    return hal::kNoHandle;
  }
  return adopt(fd, type == SOCK_STREAM ? Kind::Listener : Kind::Udp, StreamState::Connected);
}

Handle PosixNet::listen(std::uint16_t port) {
  return bound_socket(SOCK_STREAM, port);
}

Handle PosixNet::accept(Handle listener) {
  const Entry* entry = table_.find(listener);
  if (entry == nullptr || entry->kind != Kind::Listener) return hal::kNoHandle;
  const int fd = ::accept4(entry->fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (fd < 0) return hal::kNoHandle;
  const int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return adopt(fd, Kind::Stream, StreamState::Connected);
}

Handle PosixNet::udp_bind(std::uint16_t port) {
  return bound_socket(SOCK_DGRAM, port);
}

IoResult PosixNet::udp_receive(Handle socket, std::uint8_t* out, std::size_t capacity, hal::Endpoint* from) {
  const Entry* entry = table_.find(socket);
  if (entry == nullptr || entry->kind != Kind::Udp) return hal::kIoError;
  sockaddr_in sender{};
  socklen_t length = sizeof sender;
  // MSG_TRUNC: a datagram larger than capacity is reported as an error
  // instead of being handed over cut (a cut DNS query would parse wrongly).
  const ssize_t got = ::recvfrom(entry->fd, out, capacity, MSG_DONTWAIT | MSG_TRUNC,
                                 reinterpret_cast<sockaddr*>(&sender), &length);
  if (got < 0) return would_block(errno) ? 0 : hal::kIoError;
  if (static_cast<std::size_t>(got) > capacity) return hal::kIoError;
  if (from != nullptr) {
    from->ip.value = ntohl(sender.sin_addr.s_addr);
    from->port = ntohs(sender.sin_port);
  }
  // An empty datagram reads as "nothing": the HAL has no way to say "0 bytes".
  return static_cast<IoResult>(got);
}

IoResult PosixNet::udp_send(Handle socket, const std::uint8_t* data, std::size_t length,
                            const hal::Endpoint& to) {
  const Entry* entry = table_.find(socket);
  if (entry == nullptr || entry->kind != Kind::Udp) return hal::kIoError;
  const sockaddr_in address = to_sockaddr(to);
  const ssize_t sent = ::sendto(entry->fd, data, length, MSG_DONTWAIT | MSG_NOSIGNAL,
                                reinterpret_cast<const sockaddr*>(&address), sizeof address);
  if (sent < 0) return would_block(errno) ? 0 : hal::kIoError;
  return static_cast<IoResult>(sent);
}

std::uint16_t PosixNet::local_port(Handle handle) const {
  const Entry* entry = table_.find(handle);
  if (entry == nullptr || entry->fd < 0) return 0;
  sockaddr_in address{};
  socklen_t length = sizeof address;
  if (getsockname(entry->fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return 0;
  return ntohs(address.sin_port);
}

std::size_t PosixNet::open_count() const {
  std::size_t count = 0;
  table_.for_each([&](const Entry&) { ++count; });
  return count;
}

void PosixNet::add_to(Poller& poller) const {
  table_.for_each([&](const Entry& entry) {
    if (entry.fd < 0 || entry.state == StreamState::Failed || entry.state == StreamState::Closed) return;
    poller.add(entry.fd, entry.state == StreamState::Connecting ? POLLOUT : POLLIN);
  });
}

}  // namespace onboard::port
