// One connection to the air's control socket: a request line, the data lines of its reply,
// then one ok/error line. Pushes (link_lost, button) may come between replies; they go to a
// handler and are never taken for a reply. Every call has a deadline and may be cancelled.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onboard/air_client/line.hpp"

namespace onboard::air_client {

struct Reply {
  std::vector<Line> data;  // lines before the final one (e.g. "ap" entries)
  Line final;              // "ok ..." or "error reason=..."
  bool ok() const { return final.verb == "ok"; }
};

struct Error {
  enum class Kind { connect, send, closed, timeout, cancelled, bad_line } kind = Kind::connect;
  std::string message;
};

using Clock = std::chrono::steady_clock;
// No deadline: wait as long as the world takes.
inline constexpr Clock::time_point kNoDeadline = Clock::time_point::max();

class Client {
 public:
  ~Client();
  Client(Client&& other) noexcept;
  Client& operator=(Client&& other) noexcept;
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  static std::optional<Client> connect(const std::string& socket_path, Error* error);

  // Called for every push line, oldest first.
  void on_push(std::function<void(const Line&)> handler) { on_push_ = std::move(handler); }

  // `cancelled` is asked at least every 100 ms while waiting; true ends the wait with
  // Error::Kind::cancelled (the connection is then closed: a late reply must not be read as
  // the answer to the next request).
  std::optional<Reply> request(std::string_view verb, const Fields& fields, Clock::time_point deadline,
                               Error* error, const std::function<bool()>& cancelled = {});
  // Waits until the daemon closes the connection (after "shutdown").
  void wait_closed();

 private:
  explicit Client(int fd) : fd_(fd) {}
  std::optional<std::string> read_line(Clock::time_point deadline, Error* error,
                                       const std::function<bool()>& cancelled);
  void close_now();

  int fd_ = -1;
  std::string buffer_;
  std::function<void(const Line&)> on_push_;
};

// True for the verbs the world pushes unasked.
bool is_push(std::string_view verb);

}  // namespace onboard::air_client
