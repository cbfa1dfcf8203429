#include "onboard/device/ports/mps2/lwip_net.hpp"

#include <cstring>

#include "lwip/dns.h"
#include "lwip/ip_addr.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"
#include "lwip/udp.h"

namespace onboard::mps2 {

using hal::Handle;
using hal::IoResult;
using hal::StreamFailure;
using hal::StreamState;

namespace {

// A callback argument names a slot and its generation, so a late DNS answer
// for a closed (and reused) slot is recognised and ignored.
void* tag_of(LwipNet::Slot& s, Handle handle) {
  return reinterpret_cast<void*>(static_cast<std::uintptr_t>(handle) |
                                 static_cast<std::uintptr_t>(s.generation) << 8);
}

LwipNet::Slot* untag(LwipNet* net, void* tag, Handle* handle_out = nullptr) {
  const auto value = reinterpret_cast<std::uintptr_t>(tag);
  const auto handle = static_cast<Handle>(value & 0xFFu);
  LwipNet::Slot* s = net->slot(handle);
  if (s == nullptr || s->generation != static_cast<std::uint8_t>(value >> 8)) return nullptr;
  if (handle_out != nullptr) *handle_out = handle;
  return s;
}

LwipNet* g_net = nullptr;  // the callbacks' way back (one Net per firmware)

err_t on_received(void* arg, struct tcp_pcb*, struct pbuf* p, err_t) {
  LwipNet::Slot* s = untag(g_net, arg);
  if (s == nullptr || s->kind != LwipNet::Kind::Stream) {
    if (p != nullptr) pbuf_free(p);
    return ERR_OK;
  }
  if (p == nullptr) {
    s->peer_closed = true;
  } else if (s->rx == nullptr) {
    s->rx = p;
  } else {
    pbuf_cat(s->rx, p);
  }
  return ERR_OK;
}

void on_error(void* arg, err_t err) {
  // lwIP has freed the pcb already.
  LwipNet::Slot* s = untag(g_net, arg);
  if (s == nullptr) return;
  s->tcp = nullptr;
  if (s->state == StreamState::Connecting) {
    s->failure = err == ERR_RST    ? StreamFailure::Refused
                 : err == ERR_ABRT ? StreamFailure::Timeout
                                   : StreamFailure::Unreachable;
  } else {
    s->failure = StreamFailure::Other;
  }
  s->state = StreamState::Failed;
}

err_t on_connected(void* arg, struct tcp_pcb*, err_t err) {
  LwipNet::Slot* s = untag(g_net, arg);
  if (s == nullptr) return ERR_OK;
  if (err != ERR_OK) {
    s->state = StreamState::Failed;
    s->failure = StreamFailure::Unreachable;
    return ERR_OK;
  }
  s->state = StreamState::Connected;
  return ERR_OK;
}

err_t on_accepted(void* arg, struct tcp_pcb* pcb, err_t err) {
  LwipNet::Slot* listener = untag(g_net, arg);
  if (err != ERR_OK || pcb == nullptr) return ERR_VAL;
  std::size_t free_index = LwipNet::kBacklog;
  if (listener != nullptr) {
    for (std::size_t i = 0; i < LwipNet::kBacklog; ++i) {
      if (listener->backlog[i] == hal::kNoHandle) {
        free_index = i;
        break;
      }
    }
  }
  const Handle handle =
      free_index < LwipNet::kBacklog ? g_net->allocate(LwipNet::Kind::Stream) : hal::kNoHandle;
  if (handle == hal::kNoHandle) {
    tcp_abort(pcb);
    return ERR_ABRT;
  }
  LwipNet::Slot& s = *g_net->slot(handle);
  g_net->attach_stream(s, pcb);
  s.state = StreamState::Connected;
  listener->backlog[free_index] = handle;
  return ERR_OK;
}

void on_datagram(void* arg, struct udp_pcb*, struct pbuf* p, const ip_addr_t* addr, u16_t port) {
  LwipNet::Slot* s = untag(g_net, arg);
  if (s != nullptr) {
    for (auto& d : s->datagrams) {
      if (d.p != nullptr) continue;
      d.p = p;
      d.from.ip.value = lwip_ntohl(ip4_addr_get_u32(ip_2_ip4(addr)));
      d.from.port = port;
      return;
    }
  }
  pbuf_free(p);  // full: dropped, as a busy radio would
}

void on_resolved(const char*, const ip_addr_t* address, void* arg) {
  LwipNet::Slot* s = untag(g_net, arg);
  if (s == nullptr || !s->resolving) return;
  s->resolving = false;
  if (address == nullptr) {
    s->state = StreamState::Failed;
    s->failure = StreamFailure::DnsFailed;
    return;
  }
  g_net->start_connect(*s, ip4_addr_get_u32(ip_2_ip4(address)));
}

}  // namespace

LwipNet::Slot* LwipNet::slot(Handle handle) {
  if (handle < 0 || static_cast<std::size_t>(handle) >= kSlots || slots_[handle].kind == Kind::Free)
    return nullptr;
  return &slots_[handle];
}

const LwipNet::Slot* LwipNet::slot(Handle handle) const {
  if (handle < 0 || static_cast<std::size_t>(handle) >= kSlots || slots_[handle].kind == Kind::Free)
    return nullptr;
  return &slots_[handle];
}

Handle LwipNet::allocate(Kind kind) {
  g_net = this;
  for (std::size_t i = 0; i < kSlots; ++i) {
    Slot& s = slots_[i];
    if (s.kind != Kind::Free) continue;
    const std::uint8_t generation = static_cast<std::uint8_t>(s.generation + 1);
    s = Slot{};
    s.generation = generation;
    s.kind = kind;
    s.owner = this;
    return static_cast<Handle>(i);
  }
  return hal::kNoHandle;
}

std::size_t LwipNet::open_slots() const {
  std::size_t n = 0;
  for (const Slot& s : slots_) n += s.kind != Kind::Free ? 1 : 0;
  return n;
}

void LwipNet::attach_stream(Slot& s, struct tcp_pcb* pcb) {
  s.tcp = pcb;
  const Handle handle = static_cast<Handle>(&s - slots_);
  tcp_arg(pcb, tag_of(s, handle));
  tcp_recv(pcb, on_received);
  tcp_err(pcb, on_error);
  tcp_nagle_disable(pcb);
}

void LwipNet::start_connect(Slot& s, std::uint32_t network_order_ip) {
  struct tcp_pcb* pcb = tcp_new_ip_type(IPADDR_TYPE_V4);
  if (pcb == nullptr) {
    s.state = StreamState::Failed;
    s.failure = StreamFailure::Other;
    return;
  }
  attach_stream(s, pcb);
  ip_addr_t address = IPADDR4_INIT(network_order_ip);
  if (tcp_connect(pcb, &address, s.port, on_connected) != ERR_OK) {
    tcp_abort(pcb);  // calls on_error: the slot turns Failed
    s.tcp = nullptr;
    s.state = StreamState::Failed;
    s.failure = StreamFailure::Unreachable;
  }
}

Handle LwipNet::connect(std::string_view host, std::uint16_t port) {
  char name[DNS_MAX_NAME_LENGTH];
  if (host.empty() || host.size() >= sizeof name) return hal::kNoHandle;
  std::memcpy(name, host.data(), host.size());
  name[host.size()] = '\0';
  const Handle handle = allocate(Kind::Stream);
  if (handle == hal::kNoHandle) return handle;
  Slot& s = slots_[handle];
  s.state = StreamState::Connecting;
  s.port = port;
  ip4_addr_t literal;
  if (ip4addr_aton(name, &literal) != 0) {
    start_connect(s, ip4_addr_get_u32(&literal));
    return handle;
  }
  ip_addr_t resolved;
  s.resolving = true;
  const err_t err = dns_gethostbyname(name, &resolved, on_resolved, tag_of(s, handle));
  if (err == ERR_OK) {
    s.resolving = false;
    start_connect(s, ip4_addr_get_u32(ip_2_ip4(&resolved)));
  } else if (err != ERR_INPROGRESS) {
    s.resolving = false;
    s.state = StreamState::Failed;
    s.failure = StreamFailure::DnsFailed;
  }
  return handle;
}

StreamState LwipNet::state(Handle stream) const {
  const Slot* s = slot(stream);
  return s == nullptr || s->kind != Kind::Stream ? StreamState::Closed : s->state;
}

StreamFailure LwipNet::failure(Handle stream) const {
  const Slot* s = slot(stream);
  return s == nullptr ? StreamFailure::None : s->failure;
}

IoResult LwipNet::send(Handle stream, const std::uint8_t* data, std::size_t length) {
  Slot* s = slot(stream);
  if (s == nullptr || s->kind != Kind::Stream) return hal::kIoError;
  if (s->state == StreamState::Connecting) return 0;
  if (s->state == StreamState::Closed) return hal::kIoClosed;
  if (s->state != StreamState::Connected || s->tcp == nullptr) return hal::kIoError;
  std::size_t n = length < tcp_sndbuf(s->tcp) ? length : tcp_sndbuf(s->tcp);
  if (n > 0xFFFF) n = 0xFFFF;
  if (n == 0) return 0;
  const err_t err = tcp_write(s->tcp, data, static_cast<u16_t>(n), TCP_WRITE_FLAG_COPY);
  if (err == ERR_MEM) return 0;
  if (err != ERR_OK) return hal::kIoError;
  tcp_output(s->tcp);
  return static_cast<IoResult>(n);
}

IoResult LwipNet::receive(Handle stream, std::uint8_t* out, std::size_t capacity) {
  Slot* s = slot(stream);
  if (s == nullptr || s->kind != Kind::Stream) return hal::kIoError;
  if (s->state == StreamState::Connecting) return 0;
  if (s->rx != nullptr && capacity > 0) {
    const std::size_t want = capacity < s->rx->tot_len ? capacity : s->rx->tot_len;
    const u16_t n = pbuf_copy_partial(s->rx, out, static_cast<u16_t>(want), 0);
    s->rx = pbuf_free_header(s->rx, n);
    if (s->tcp != nullptr) tcp_recved(s->tcp, n);
    return static_cast<IoResult>(n);
  }
  if (s->state == StreamState::Closed) return hal::kIoClosed;
  if (s->state != StreamState::Connected) return hal::kIoError;
  if (s->peer_closed) {
    s->state = StreamState::Closed;
    return hal::kIoClosed;
  }
  return 0;
}

void LwipNet::close(Handle handle) {
  Slot* s = slot(handle);
  if (s == nullptr) return;
  if (s->tcp != nullptr) {
    tcp_arg(s->tcp, nullptr);
    if (s->kind == Kind::Stream) {
      tcp_recv(s->tcp, nullptr);
      tcp_err(s->tcp, nullptr);
    } else {
      tcp_accept(s->tcp, nullptr);
    }
    if (tcp_close(s->tcp) != ERR_OK) tcp_abort(s->tcp);
  }
  if (s->udp != nullptr) udp_remove(s->udp);
  if (s->rx != nullptr) pbuf_free(s->rx);
  for (auto& d : s->datagrams) {
    if (d.p != nullptr) pbuf_free(d.p);
  }
  const Kind kind = s->kind;
  Handle backlog[kBacklog];
  std::memcpy(backlog, s->backlog, sizeof backlog);
  const std::uint8_t generation = s->generation;
  *s = Slot{};
  s->generation = generation;
  if (kind == Kind::Listener) {
    for (Handle waiting : backlog) close(waiting);
  }
}

Handle LwipNet::listen(std::uint16_t port) {
  const Handle handle = allocate(Kind::Listener);
  if (handle == hal::kNoHandle) return handle;
  Slot& s = slots_[handle];
  struct tcp_pcb* pcb = tcp_new_ip_type(IPADDR_TYPE_V4);
  if (pcb == nullptr || tcp_bind(pcb, IP4_ADDR_ANY, port) != ERR_OK) {
    if (pcb != nullptr) tcp_close(pcb);
    s = Slot{};
    return hal::kNoHandle;
  }
  struct tcp_pcb* listening = tcp_listen_with_backlog(pcb, kBacklog);
  if (listening == nullptr) {
    tcp_close(pcb);
    s = Slot{};
    return hal::kNoHandle;
  }
  s.tcp = listening;
  s.state = StreamState::Connected;
  tcp_arg(listening, tag_of(s, handle));
  tcp_accept(listening, on_accepted);
  return handle;
}

Handle LwipNet::accept(Handle listener) {
  Slot* s = slot(listener);
  if (s == nullptr || s->kind != Kind::Listener) return hal::kNoHandle;
  const Handle first = s->backlog[0];
  if (first == hal::kNoHandle) return hal::kNoHandle;
  for (std::size_t i = 0; i + 1 < kBacklog; ++i) s->backlog[i] = s->backlog[i + 1];
  s->backlog[kBacklog - 1] = hal::kNoHandle;
  return first;
}

Handle LwipNet::udp_bind(std::uint16_t port) {
  const Handle handle = allocate(Kind::Udp);
  if (handle == hal::kNoHandle) return handle;
  Slot& s = slots_[handle];
  s.udp = udp_new_ip_type(IPADDR_TYPE_V4);
  if (s.udp == nullptr || ::udp_bind(s.udp, IP4_ADDR_ANY, port) != ERR_OK) {
    if (s.udp != nullptr) udp_remove(s.udp);
    s = Slot{};
    return hal::kNoHandle;
  }
  s.state = StreamState::Connected;
  udp_recv(s.udp, on_datagram, tag_of(s, handle));
  return handle;
}

IoResult LwipNet::udp_receive(Handle socket, std::uint8_t* out, std::size_t capacity, hal::Endpoint* from) {
  Slot* s = slot(socket);
  if (s == nullptr || s->kind != Kind::Udp) return hal::kIoError;
  Datagram& first = s->datagrams[0];
  if (first.p == nullptr) return 0;
  const std::size_t want = capacity < first.p->tot_len ? capacity : first.p->tot_len;
  const u16_t n = pbuf_copy_partial(first.p, out, static_cast<u16_t>(want), 0);
  if (from != nullptr) *from = first.from;
  pbuf_free(first.p);
  for (std::size_t i = 0; i + 1 < kDatagrams; ++i) s->datagrams[i] = s->datagrams[i + 1];
  s->datagrams[kDatagrams - 1] = Datagram{};
  return static_cast<IoResult>(n);
}

IoResult LwipNet::udp_send(Handle socket, const std::uint8_t* data, std::size_t length,
                           const hal::Endpoint& to) {
  Slot* s = slot(socket);
  if (s == nullptr || s->kind != Kind::Udp || length > 1472) return hal::kIoError;
  struct pbuf* p = pbuf_alloc(PBUF_TRANSPORT, static_cast<u16_t>(length), PBUF_RAM);
  if (p == nullptr) return 0;
  pbuf_take(p, data, static_cast<u16_t>(length));
  ip_addr_t address = IPADDR4_INIT(lwip_htonl(to.ip.value));
  const err_t err = udp_sendto(s->udp, p, &address, to.port);
  pbuf_free(p);
  return err == ERR_OK ? static_cast<IoResult>(length) : hal::kIoError;
}

}  // namespace onboard::mps2
