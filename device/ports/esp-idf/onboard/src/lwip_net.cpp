#include <cerrno>
#include <cstring>

#include "lwip/dns.h"
#include "lwip/netdb.h"
#include "lwip/sockets.h"
#include "lwip/tcpip.h"
#include "onboard/device/ports/esp_idf/esp_idf_hal.hpp"

namespace onboard::esp_idf {

using hal::Handle;
using hal::IoResult;
using hal::StreamFailure;
using hal::StreamState;

namespace {

bool would_block(int error) {
  return error == EAGAIN || error == EWOULDBLOCK || error == EINTR;
}

StreamFailure failure_of(int error) {
  switch (error) {
    case ECONNREFUSED: return StreamFailure::Refused;
    case ETIMEDOUT: return StreamFailure::Timeout;
    case EHOSTUNREACH:
    case ENETUNREACH: return StreamFailure::Unreachable;
    default: return StreamFailure::Other;
  }
}

bool make_nonblocking(int fd) {
  const int flags = lwip_fcntl(fd, F_GETFL, 0);
  return flags >= 0 && lwip_fcntl(fd, F_SETFL, flags | O_NONBLOCK) >= 0;
}

sockaddr_in to_sockaddr(std::uint32_t ip, std::uint16_t port) {
  sockaddr_in address = {};
  address.sin_family = AF_INET;
  address.sin_port = lwip_htons(port);
  address.sin_addr.s_addr = lwip_htonl(ip);
  return address;
}

// lwIP calls this on its tcpip task; the loop's task reads the answer in advance().
// The argument packs the entry's index and generation: a late answer for a closed
// (or reused) entry is ignored.
LwipNet::Entry* g_entries = nullptr;

LwipNet::Entry* entry_for(void* arg);

void on_resolved(const char*, const ip_addr_t* address, void* arg) {
  LwipNet::Entry* entry = entry_for(arg);
  if (entry == nullptr) return;
  if (address == nullptr || !IP_IS_V4(address)) {
    entry->resolve_failed = true;
    return;
  }
  entry->resolved = lwip_ntohl(ip_2_ip4(address)->addr);
}

LwipNet::Entry* entry_for(void* arg) {
  const auto packed = reinterpret_cast<std::uintptr_t>(arg);
  const std::size_t index = packed & 0xFF;
  const auto generation = static_cast<std::uint16_t>(packed >> 8);
  if (g_entries == nullptr || index >= LwipNet::kMaxSockets) return nullptr;
  LwipNet::Entry& entry = g_entries[index];
  return entry.used && entry.generation == generation ? &entry : nullptr;
}

// Runs on lwIP's task, where the DNS client may be called.
void start_resolve(void* arg) {
  LwipNet::Entry* entry = entry_for(arg);
  if (entry == nullptr) return;
  ip_addr_t cached;
  const err_t rc = dns_gethostbyname(entry->host, &cached, on_resolved, arg);
  if (rc == ERR_OK) {
    on_resolved(entry->host, &cached, arg);
  } else if (rc != ERR_INPROGRESS) {
    entry->resolve_failed = true;
  }
}

}  // namespace

Handle LwipNet::allocate() {
  g_entries = entries_;
  for (std::size_t i = 0; i < kMaxSockets; ++i) {
    if (!entries_[i].used) {
      entries_[i] = Entry{};
      entries_[i].used = true;
      entries_[i].generation = ++generations_;
      return static_cast<Handle>(i);
    }
  }
  return hal::kNoHandle;
}

LwipNet::Entry* LwipNet::find(Handle handle) const {
  if (handle < 0 || static_cast<std::size_t>(handle) >= kMaxSockets) return nullptr;
  Entry& entry = entries_[handle];
  return entry.used ? &entry : nullptr;
}

void LwipNet::start_connect(Entry& entry, std::uint32_t ip) const {
  entry.fd = lwip_socket(AF_INET, SOCK_STREAM, 0);
  if (entry.fd < 0 || !make_nonblocking(entry.fd)) {
    entry.state = StreamState::Failed;
    entry.failure = StreamFailure::Other;
    return;
  }
  const sockaddr_in address = to_sockaddr(ip, entry.port);
  const int rc = lwip_connect(entry.fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
  entry.phase = Phase::Connecting;
  if (rc == 0) {
    entry.phase = Phase::Done;
    entry.state = StreamState::Connected;
  } else if (errno != EINPROGRESS) {
    entry.phase = Phase::Done;
    entry.state = StreamState::Failed;
    entry.failure = failure_of(errno);
  }
}

void LwipNet::advance(Entry& entry) const {
  if (entry.phase == Phase::Resolving) {
    if (entry.resolve_failed) {
      entry.phase = Phase::Done;
      entry.state = StreamState::Failed;
      entry.failure = StreamFailure::DnsFailed;
    } else if (entry.resolved != 0) {
      start_connect(entry, entry.resolved);
    }
    return;
  }
  if (entry.phase != Phase::Connecting) return;
  // Writable means the handshake ended; SO_ERROR tells how.
  fd_set writable;
  FD_ZERO(&writable);
  FD_SET(entry.fd, &writable);
  timeval now = {0, 0};
  if (lwip_select(entry.fd + 1, nullptr, &writable, nullptr, &now) <= 0) return;
  int error = 0;
  socklen_t length = sizeof error;
  lwip_getsockopt(entry.fd, SOL_SOCKET, SO_ERROR, &error, &length);
  entry.phase = Phase::Done;
  if (error == 0) {
    entry.state = StreamState::Connected;
  } else {
    entry.state = StreamState::Failed;
    entry.failure = failure_of(error);
  }
}

Handle LwipNet::connect(std::string_view host, std::uint16_t port) {
  const Handle handle = allocate();
  Entry* entry = find(handle);
  if (entry == nullptr) return hal::kNoHandle;
  entry->port = port;
  entry->state = StreamState::Connecting;
  if (host.empty() || host.size() >= sizeof entry->host) {
    entry->state = StreamState::Failed;
    entry->failure = StreamFailure::DnsFailed;
    return handle;
  }
  std::memcpy(entry->host, host.data(), host.size());
  ip4_addr_t literal;
  if (ip4addr_aton(entry->host, &literal) != 0) {
    start_connect(*entry, lwip_ntohl(literal.addr));
    return handle;
  }
  entry->phase = Phase::Resolving;
  const auto arg = reinterpret_cast<void*>(static_cast<std::uintptr_t>(handle) |
                                           (static_cast<std::uintptr_t>(entry->generation) << 8));
  if (tcpip_callback(start_resolve, arg) != ERR_OK) {
    entry->phase = Phase::Done;
    entry->state = StreamState::Failed;
    entry->failure = StreamFailure::DnsFailed;
  }
  return handle;
}

StreamState LwipNet::state(Handle stream) const {
  Entry* entry = find(stream);
  if (entry == nullptr) return StreamState::Closed;
  advance(*entry);
  return entry->state;
}

StreamFailure LwipNet::failure(Handle stream) const {
  const Entry* entry = find(stream);
  return entry == nullptr ? StreamFailure::None : entry->failure;
}

IoResult LwipNet::send(Handle stream, const std::uint8_t* data, std::size_t length) {
  Entry* entry = find(stream);
  if (entry == nullptr || entry->listener) return hal::kIoError;
  advance(*entry);
  if (entry->state == StreamState::Connecting) return 0;
  if (entry->state == StreamState::Closed) return hal::kIoClosed;
  if (entry->state != StreamState::Connected) return hal::kIoError;
  if (length == 0) return 0;
  const ssize_t sent = lwip_send(entry->fd, data, length, MSG_DONTWAIT);
  if (sent >= 0) return static_cast<IoResult>(sent);
  if (would_block(errno)) return 0;
  entry->state = StreamState::Failed;
  entry->failure = failure_of(errno);
  return hal::kIoError;
}

IoResult LwipNet::receive(Handle stream, std::uint8_t* out, std::size_t capacity) {
  Entry* entry = find(stream);
  if (entry == nullptr || entry->listener) return hal::kIoError;
  advance(*entry);
  if (entry->state == StreamState::Connecting) return 0;
  if (entry->state == StreamState::Closed) return hal::kIoClosed;
  if (entry->state != StreamState::Connected) return hal::kIoError;
  if (capacity == 0) return 0;
  const ssize_t got = lwip_recv(entry->fd, out, capacity, MSG_DONTWAIT);
  if (got > 0) return static_cast<IoResult>(got);
  if (got == 0) {
    entry->state = StreamState::Closed;
    return hal::kIoClosed;
  }
  if (would_block(errno)) return 0;
  entry->state = StreamState::Failed;
  entry->failure = failure_of(errno);
  return hal::kIoError;
}

void LwipNet::close(Handle handle) {
  Entry* entry = find(handle);
  if (entry == nullptr) return;
  if (entry->fd >= 0) lwip_close(entry->fd);
  *entry = Entry{};
}

Handle LwipNet::listen(std::uint16_t port) {
  const int fd = lwip_socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return hal::kNoHandle;
  const int yes = 1;
  lwip_setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  const sockaddr_in address = to_sockaddr(0, port);
  if (lwip_bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      lwip_listen(fd, 4) != 0 || !make_nonblocking(fd)) {
    lwip_close(fd);
    return hal::kNoHandle;
  }
  const Handle handle = allocate();
  Entry* entry = find(handle);
  if (entry == nullptr) {
    lwip_close(fd);
    return hal::kNoHandle;
  }
  entry->fd = fd;
  entry->listener = true;
  entry->state = StreamState::Connected;
  return handle;
}

Handle LwipNet::accept(Handle listener) {
  Entry* server = find(listener);
  if (server == nullptr || !server->listener) return hal::kNoHandle;
  const int fd = lwip_accept(server->fd, nullptr, nullptr);
  if (fd < 0) return hal::kNoHandle;
  const Handle handle = allocate();
  Entry* entry = find(handle);
  if (entry == nullptr || !make_nonblocking(fd)) {
    if (entry != nullptr) *entry = Entry{};
    lwip_close(fd);  // table full: refuse rather than grow
    return hal::kNoHandle;
  }
  entry->fd = fd;
  entry->state = StreamState::Connected;
  return handle;
}

Handle LwipNet::udp_bind(std::uint16_t port) {
  const int fd = lwip_socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) return hal::kNoHandle;
  const sockaddr_in address = to_sockaddr(0, port);
  if (lwip_bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      !make_nonblocking(fd)) {
    lwip_close(fd);
    return hal::kNoHandle;
  }
  const Handle handle = allocate();
  Entry* entry = find(handle);
  if (entry == nullptr) {
    lwip_close(fd);
    return hal::kNoHandle;
  }
  entry->fd = fd;
  entry->listener = true;  // not a stream: send/receive refuse it
  entry->state = StreamState::Connected;
  return handle;
}

IoResult LwipNet::udp_receive(Handle socket, std::uint8_t* out, std::size_t capacity, hal::Endpoint* from) {
  Entry* entry = find(socket);
  if (entry == nullptr) return hal::kIoError;
  sockaddr_in peer = {};
  socklen_t length = sizeof peer;
  const ssize_t got =
      lwip_recvfrom(entry->fd, out, capacity, MSG_DONTWAIT, reinterpret_cast<sockaddr*>(&peer), &length);
  if (got < 0) return would_block(errno) ? 0 : hal::kIoError;
  if (from != nullptr) {
    from->ip.value = lwip_ntohl(peer.sin_addr.s_addr);
    from->port = lwip_ntohs(peer.sin_port);
  }
  return static_cast<IoResult>(got);
}

IoResult LwipNet::udp_send(Handle socket, const std::uint8_t* data, std::size_t length,
                           const hal::Endpoint& to) {
  Entry* entry = find(socket);
  if (entry == nullptr) return hal::kIoError;
  const sockaddr_in address = to_sockaddr(to.ip.value, to.port);
  const ssize_t sent = lwip_sendto(entry->fd, data, length, MSG_DONTWAIT,
                                   reinterpret_cast<const sockaddr*>(&address), sizeof address);
  if (sent < 0) return would_block(errno) ? 0 : hal::kIoError;
  return static_cast<IoResult>(sent);
}

}  // namespace onboard::esp_idf
