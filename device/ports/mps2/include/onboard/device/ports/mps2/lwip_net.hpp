// The core's non-blocking TCP and UDP on lwIP's raw API (NO_SYS): lwIP's
// callbacks only move pbufs and states into a fixed table of slots, and the
// core's calls read them, so nothing runs inside a callback but bookkeeping.
#pragma once

#include <cstddef>
#include <cstdint>

#include "onboard/device/hal/net.hpp"

struct tcp_pcb;
struct udp_pcb;
struct pbuf;

namespace onboard::mps2 {

class LwipNet final : public hal::Net {
 public:
  static constexpr std::size_t kSlots = 12;
  static constexpr std::size_t kBacklog = 4;
  static constexpr std::size_t kDatagrams = 4;

  LwipNet() = default;
  LwipNet(const LwipNet&) = delete;
  LwipNet& operator=(const LwipNet&) = delete;

  hal::Handle connect(std::string_view host, std::uint16_t port) override;
  hal::StreamState state(hal::Handle stream) const override;
  hal::StreamFailure failure(hal::Handle stream) const override;
  hal::IoResult send(hal::Handle stream, const std::uint8_t* data, std::size_t length) override;
  hal::IoResult receive(hal::Handle stream, std::uint8_t* out, std::size_t capacity) override;
  void close(hal::Handle handle) override;

  hal::Handle listen(std::uint16_t port) override;
  hal::Handle accept(hal::Handle listener) override;

  hal::Handle udp_bind(std::uint16_t port) override;
  hal::IoResult udp_receive(hal::Handle socket, std::uint8_t* out, std::size_t capacity,
                            hal::Endpoint* from) override;
  hal::IoResult udp_send(hal::Handle socket, const std::uint8_t* data, std::size_t length,
                         const hal::Endpoint& to) override;

  std::size_t open_slots() const;

  enum class Kind : std::uint8_t { Free, Stream, Listener, Udp };
  struct Datagram {
    struct pbuf* p = nullptr;
    hal::Endpoint from;
  };
  struct Slot {
    Kind kind = Kind::Free;
    std::uint8_t generation = 0;
    struct tcp_pcb* tcp = nullptr;
    struct udp_pcb* udp = nullptr;
    hal::StreamState state = hal::StreamState::Closed;
    hal::StreamFailure failure = hal::StreamFailure::None;
    struct pbuf* rx = nullptr;
    bool peer_closed = false;
    bool resolving = false;
    std::uint16_t port = 0;
    hal::Handle backlog[kBacklog] = {hal::kNoHandle, hal::kNoHandle, hal::kNoHandle, hal::kNoHandle};
    Datagram datagrams[kDatagrams];
    LwipNet* owner = nullptr;
  };

  // lwIP's callbacks (C linkage is not needed: lwIP stores plain function pointers).
  Slot* slot(hal::Handle handle);
  const Slot* slot(hal::Handle handle) const;
  hal::Handle allocate(Kind kind);
  void attach_stream(Slot& s, struct tcp_pcb* pcb);
  void start_connect(Slot& s, std::uint32_t network_order_ip);

 private:
  Slot slots_[kSlots];
};

}  // namespace onboard::mps2
