// The daemon's end of a socketpair, for the air port's tests: reads the lines a
// board sends and writes the replies and pushes a test scripts.
#pragma once

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <string_view>

namespace onboard::port::testing {

class FakeAirDaemon {
 public:
  // board_fd(): give it to AirLink, which then owns it.
  FakeAirDaemon() { ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds_); }
  ~FakeAirDaemon() {
    if (fds_[0] >= 0) ::close(fds_[0]);
  }
  int board_fd() const { return fds_[1]; }

  // The next line the board sent (without '\n'), or "<timeout>".
  std::string read_line(std::chrono::milliseconds limit = std::chrono::seconds(5)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (true) {
      const auto newline = buffer_.find('\n');
      if (newline != std::string::npos) {
        std::string line = buffer_.substr(0, newline);
        buffer_.erase(0, newline + 1);
        return line;
      }
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return "<timeout>";
      pollfd entry{fds_[0], POLLIN, 0};
      if (::poll(&entry, 1, static_cast<int>(left.count())) <= 0) continue;
      char chunk[512];
      const ssize_t got = ::read(fds_[0], chunk, sizeof chunk);
      if (got <= 0) return "<closed>";
      buffer_.append(chunk, static_cast<std::size_t>(got));
    }
  }
  // Writes text as is (add the '\n' yourself).
  void send(std::string_view text) { (void)!::write(fds_[0], text.data(), text.size()); }
  void close() {
    ::close(fds_[0]);
    fds_[0] = -1;
  }

 private:
  int fds_[2] = {-1, -1};
  std::string buffer_;
};

}  // namespace onboard::port::testing
