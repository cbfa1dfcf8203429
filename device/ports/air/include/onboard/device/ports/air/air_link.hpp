// The board's connection to onboard-air: requests are queued and written without
// blocking; replies and pushes are read when the socket is ready and handed to
// the listeners (AirWifi, AirGpio). One request at a time is answered, in order.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>

#include "onboard/device/ports/linux/poller.hpp"
#include "onboard/protocol/air/limits.hpp"
#include "onboard/protocol/air/line_reader.hpp"
#include "onboard/protocol/air/message.hpp"

namespace onboard::port {

enum class AirRequest : std::uint8_t { Hello, Scan, Join, Leave, Status, ApStart, ApStop, Led };

class AirListener {
 public:
  // The final "ok" or "error" line of a request this listener may care about;
  // tag is what request() returned.
  virtual void on_reply(AirRequest request, std::uint32_t tag, const air::Message& reply) = 0;
  // A data line before the final one (the "ap" lines of a scan).
  virtual void on_data(AirRequest request, std::uint32_t tag, const air::Message& line) = 0;
  // A push from the world ("button", "link_lost").
  virtual void on_push(const air::Message& push) = 0;

 protected:
  ~AirListener() = default;
};

class AirLink final : public PollSource {
 public:
  using LogFn = std::function<void(std::string_view)>;
  static constexpr std::size_t kMaxListeners = 4;

  // Takes a connected stream socket (see connect_air_socket()); sends
  // "hello host=HOST role=board" at once.
  AirLink(int fd, std::string host, LogFn log);
  AirLink(const AirLink&) = delete;
  AirLink& operator=(const AirLink&) = delete;
  ~AirLink();

  void add_listener(AirListener* listener);

  // Queues one request line (with its '\n') and tries to write it now. Returns
  // the tag its reply will carry. On a closed link the request is answered by
  // the next pump() with "error reason=internal detail=air_socket_closed"
  // (never from inside request(), so callers can store the tag first).
  std::uint32_t request(AirRequest kind, std::string_view line);

  // Writes what is queued and reads everything available, calling the
  // listeners. Call after every Poller::wait().
  void pump();

  bool connected() const { return fd_ >= 0; }
  int fd() const { return fd_; }
  const std::string& host() const { return host_; }
  void add_to(Poller& poller) const override;

 private:
  struct Pending {
    AirRequest kind;
    std::uint32_t tag;
  };
  void flush();
  void read_available();
  void dispatch(const air::Message& message);
  void answer_locally(AirRequest kind, std::uint32_t tag, std::string_view why);
  void lose(std::string_view why);

  int fd_;
  std::string host_;
  LogFn log_;
  std::array<AirListener*, kMaxListeners> listeners_{};
  std::string out_;
  std::deque<Pending> pending_;
  std::deque<Pending> orphans_;  // to answer locally in pump()
  std::uint32_t next_tag_ = 1;
  std::array<char, 4 * air::kMaxLine> in_buffer_{};
  air::LineReader reader_;
};

// Connects to the daemon's Unix socket; -1 (errno set) when it fails.
int connect_air_socket(const std::string& path);

}  // namespace onboard::port
