// A fake network for tests: the device's listeners and UDP sockets, test-side
// HTTP clients and DNS queries, and outgoing streams to a scripted FakeCloud.
// TLS streams come from FakeTls over the same connections. Counts open handles.
#pragma once

#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "onboard/device/hal/net.hpp"
#include "onboard/device/hal/tls.hpp"

namespace onboard::testing {

// Bytes both ways between the device and a test-side peer.
struct Pipe {
  std::string to_device;
  std::string from_device;
  bool peer_closed = false;    // the test side closed
  bool device_closed = false;  // the device side closed
  hal::StreamState state = hal::StreamState::Connected;
  hal::StreamFailure failure = hal::StreamFailure::None;
  std::size_t send_window = SIZE_MAX;  // bytes the device may send per call (0: would block)
  std::string host;
  std::uint16_t port = 0;
  bool tls = false;
};

class FakeNet : public hal::Net {
 public:
  virtual ~FakeNet() = default;

  // --- hal::Stream (client streams to the cloud) ---
  hal::Handle connect(std::string_view host, std::uint16_t port) override {
    return open_client(host, port, false);
  }
  hal::StreamState state(hal::Handle h) const override {
    auto it = socks_.find(h);
    if (it == socks_.end() || !it->second.pipe) return hal::StreamState::Failed;
    const Pipe& p = *it->second.pipe;
    if (p.state == hal::StreamState::Connected && p.peer_closed && p.to_device.empty())
      return hal::StreamState::Closed;
    return p.state;
  }
  hal::StreamFailure failure(hal::Handle h) const override {
    auto it = socks_.find(h);
    return it == socks_.end() || !it->second.pipe ? hal::StreamFailure::Other : it->second.pipe->failure;
  }
  hal::IoResult send(hal::Handle h, const std::uint8_t* data, std::size_t length) override {
    Pipe* p = pipe(h);
    if (p == nullptr || p->state != hal::StreamState::Connected) return hal::kIoError;
    if (p->peer_closed) return hal::kIoError;
    const std::size_t n = length < p->send_window ? length : p->send_window;
    p->from_device.append(reinterpret_cast<const char*>(data), n);
    return static_cast<hal::IoResult>(n);
  }
  hal::IoResult receive(hal::Handle h, std::uint8_t* out, std::size_t capacity) override {
    Pipe* p = pipe(h);
    if (p == nullptr || p->state == hal::StreamState::Failed) return hal::kIoError;
    if (p->state == hal::StreamState::Connecting) return 0;
    if (p->to_device.empty()) return p->peer_closed ? hal::kIoClosed : 0;
    const std::size_t n = capacity < p->to_device.size() ? capacity : p->to_device.size();
    std::memcpy(out, p->to_device.data(), n);
    p->to_device.erase(0, n);
    return static_cast<hal::IoResult>(n);
  }
  void close(hal::Handle h) override {
    auto it = socks_.find(h);
    if (it == socks_.end()) {
      ++bad_closes;
      return;
    }
    if (it->second.pipe) it->second.pipe->device_closed = true;
    if (it->second.kind == Kind::Listener) listeners_.erase(it->second.port);
    if (it->second.kind == Kind::Udp) udp_.erase(it->second.port);
    socks_.erase(it);
  }

  // --- hal::Net (servers) ---
  hal::Handle listen(std::uint16_t port) override {
    if (listeners_.count(port) != 0) return hal::kNoHandle;
    const hal::Handle h = add({Kind::Listener, port, nullptr});
    listeners_[port] = h;
    return h;
  }
  hal::Handle accept(hal::Handle listener) override {
    auto it = socks_.find(listener);
    if (it == socks_.end() || it->second.kind != Kind::Listener) return hal::kNoHandle;
    auto& queue = backlog_[it->second.port];
    if (queue.empty()) return hal::kNoHandle;
    auto p = queue.front();
    queue.pop_front();
    return add({Kind::Stream, it->second.port, p});
  }
  hal::Handle udp_bind(std::uint16_t port) override {
    if (udp_.count(port) != 0) return hal::kNoHandle;
    const hal::Handle h = add({Kind::Udp, port, nullptr});
    udp_[port] = h;
    return h;
  }
  hal::IoResult udp_receive(hal::Handle h, std::uint8_t* out, std::size_t capacity,
                            hal::Endpoint* from) override {
    auto it = socks_.find(h);
    if (it == socks_.end() || datagrams_in_.empty()) return 0;
    const std::string d = datagrams_in_.front();
    datagrams_in_.pop_front();
    const std::size_t n = capacity < d.size() ? capacity : d.size();  // truncates like a socket
    std::memcpy(out, d.data(), n);
    if (from != nullptr) *from = {{0xC0A80402}, 5353};
    return static_cast<hal::IoResult>(n);
  }
  hal::IoResult udp_send(hal::Handle, const std::uint8_t* data, std::size_t length,
                         const hal::Endpoint&) override {
    datagrams_out.emplace_back(reinterpret_cast<const char*>(data), length);
    return static_cast<hal::IoResult>(length);
  }

  // --- test side ---
  // A client connecting to a device listener; null when nothing listens.
  std::shared_ptr<Pipe> dial(std::uint16_t port) {
    if (listeners_.count(port) == 0) return nullptr;
    auto p = std::make_shared<Pipe>();
    backlog_[port].push_back(p);
    return p;
  }
  bool listening(std::uint16_t port) const { return listeners_.count(port) != 0; }
  bool udp_bound(std::uint16_t port) const { return udp_.count(port) != 0; }
  void send_datagram(std::string d) { datagrams_in_.push_back(std::move(d)); }
  std::size_t open_handles() const { return socks_.size(); }
  // A reboot: every socket of the old device is gone.
  void power_cycle() {
    for (auto& [h, s] : socks_) {
      if (s.pipe) s.pipe->peer_closed = s.pipe->device_closed = true;
    }
    socks_.clear();
    listeners_.clear();
    udp_.clear();
    backlog_.clear();
  }

  // Called for each outgoing connection: set state/failure to script the network.
  std::function<void(Pipe&)> on_connect;
  std::vector<std::shared_ptr<Pipe>> outgoing;
  std::deque<std::string> datagrams_out;
  int bad_closes = 0;

  hal::Handle open_client(std::string_view host, std::uint16_t port, bool tls) {
    auto p = std::make_shared<Pipe>();
    p->host = std::string(host);
    p->port = port;
    p->tls = tls;
    p->state = hal::StreamState::Connecting;
    if (on_connect) on_connect(*p);
    outgoing.push_back(p);
    return add({Kind::Stream, port, p});
  }

 private:
  enum class Kind { Listener, Stream, Udp };
  struct Sock {
    Kind kind;
    std::uint16_t port;
    std::shared_ptr<Pipe> pipe;
  };
  hal::Handle add(Sock s) {
    hal::Handle h = next_++;
    if (next_ > 30000) next_ = 1;
    socks_[h] = std::move(s);
    return h;
  }
  Pipe* pipe(hal::Handle h) {
    auto it = socks_.find(h);
    return it == socks_.end() ? nullptr : it->second.pipe.get();
  }

  std::map<hal::Handle, Sock> socks_;
  std::map<std::uint16_t, hal::Handle> listeners_;
  std::map<std::uint16_t, hal::Handle> udp_;
  std::map<std::uint16_t, std::deque<std::shared_ptr<Pipe>>> backlog_;
  std::deque<std::string> datagrams_in_;
  hal::Handle next_ = 1;
};

// TLS streams over FakeNet's connections (marked tls); the handshake outcome is
// scripted through FakeNet::on_connect like any connection.
class FakeTls : public hal::Tls {
 public:
  explicit FakeTls(FakeNet& net) : net_(net) {}
  virtual ~FakeTls() = default;
  hal::Handle connect(std::string_view host, std::uint16_t port) override {
    return net_.open_client(host, port, true);
  }
  hal::StreamState state(hal::Handle h) const override { return net_.state(h); }
  hal::StreamFailure failure(hal::Handle h) const override { return net_.failure(h); }
  hal::IoResult send(hal::Handle h, const std::uint8_t* d, std::size_t n) override {
    return net_.send(h, d, n);
  }
  hal::IoResult receive(hal::Handle h, std::uint8_t* o, std::size_t n) override {
    return net_.receive(h, o, n);
  }
  void close(hal::Handle h) override { net_.close(h); }

 private:
  FakeNet& net_;
};

}  // namespace onboard::testing
