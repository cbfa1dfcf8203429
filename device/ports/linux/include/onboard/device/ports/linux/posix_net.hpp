// The HAL's non-blocking TCP and UDP on POSIX sockets: the setup server, the
// captive DNS and the plain cloud connection of onboard-device.
#pragma once

#include <cstdint>

#include "onboard/device/hal/net.hpp"
#include "onboard/device/ports/linux/poller.hpp"
#include "onboard/device/ports/linux/slot_table.hpp"

namespace onboard::port {

class PosixNet final : public hal::Net, public PollSource {
 public:
  static constexpr std::size_t kMaxSockets = 32;

  PosixNet() = default;
  PosixNet(const PosixNet&) = delete;
  PosixNet& operator=(const PosixNet&) = delete;
  ~PosixNet();

  // hal::Stream
  hal::Handle connect(std::string_view host, std::uint16_t port) override;
  hal::StreamState state(hal::Handle stream) const override;
  hal::StreamFailure failure(hal::Handle stream) const override;
  hal::IoResult send(hal::Handle stream, const std::uint8_t* data, std::size_t length) override;
  hal::IoResult receive(hal::Handle stream, std::uint8_t* out, std::size_t capacity) override;
  void close(hal::Handle handle) override;

  // hal::Net. Port 0 picks a free port (see local_port()).
  hal::Handle listen(std::uint16_t port) override;
  hal::Handle accept(hal::Handle listener) override;
  hal::Handle udp_bind(std::uint16_t port) override;
  hal::IoResult udp_receive(hal::Handle socket, std::uint8_t* out, std::size_t capacity,
                            hal::Endpoint* from) override;
  hal::IoResult udp_send(hal::Handle socket, const std::uint8_t* data, std::size_t length,
                         const hal::Endpoint& to) override;

  // Every later connect() goes to `port` instead of the one asked for (0: as asked): a
  // test firmware that cannot reach its cloud, whatever its configuration says.
  void fix_connect_port(std::uint16_t port) { fixed_port_ = port; }

  // The port a listener or UDP socket is bound to (0 when unknown).
  std::uint16_t local_port(hal::Handle handle) const;
  std::size_t open_count() const;

  void add_to(Poller& poller) const override;

 private:
  enum class Kind : std::uint8_t { Stream, Listener, Udp };
  struct Entry {
    bool used = false;
    int fd = -1;
    Kind kind = Kind::Stream;
    hal::StreamState state = hal::StreamState::Closed;
    hal::StreamFailure failure = hal::StreamFailure::None;
  };
  hal::Handle adopt(int fd, Kind kind, hal::StreamState state);
  hal::Handle bound_socket(int type, std::uint16_t port);
  void fail(Entry& entry, hal::StreamFailure why) const;
  // Moves a Connecting stream on when its connect has finished (state() is
  // const for the core, the entry's progress is not).
  void update(Entry& entry) const;

  mutable SlotTable<Entry, kMaxSockets> table_;
  std::uint16_t fixed_port_ = 0;
};

}  // namespace onboard::port
