#include "onboard/air_client/client.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "onboard/protocol/air/vocabulary.hpp"

namespace onboard::air_client {

bool is_push(std::string_view verb) {
  return verb == air::verb::kLinkLost || verb == air::verb::kButton;
}

Client::~Client() {
  close_now();
}

Client::Client(Client&& other) noexcept
    : fd_(other.fd_), buffer_(std::move(other.buffer_)), on_push_(std::move(other.on_push_)) {
  other.fd_ = -1;
}

Client& Client::operator=(Client&& other) noexcept {
  if (this != &other) {
    close_now();
    fd_ = other.fd_;
    buffer_ = std::move(other.buffer_);
    on_push_ = std::move(other.on_push_);
    other.fd_ = -1;
  }
  return *this;
}

void Client::close_now() {
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
  buffer_.clear();
}

std::optional<Client> Client::connect(const std::string& path, Error* error) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path) {
    *error = Error{Error::Kind::connect, "socket path too long: " + path};
    return std::nullopt;
  }
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    *error = Error{Error::Kind::connect, std::string("socket: ") + std::strerror(errno)};
    return std::nullopt;
  }
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    *error = Error{Error::Kind::connect, "no world is up at " + path + " (" + std::strerror(errno) + ")"};
    close(fd);
    return std::nullopt;
  }
  return Client(fd);
}

std::optional<std::string> Client::read_line(Clock::time_point deadline, Error* error,
                                             const std::function<bool()>& cancelled) {
  for (;;) {
    const std::size_t nl = buffer_.find('\n');
    if (nl != std::string::npos) {
      std::string line = buffer_.substr(0, nl + 1);
      buffer_.erase(0, nl + 1);
      return line;
    }
    if (cancelled && cancelled()) {
      close_now();
      *error = Error{Error::Kind::cancelled, "cancelled"};
      return std::nullopt;
    }
    int wait_ms = -1;
    if (deadline != kNoDeadline) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) {
        close_now();
        *error = Error{Error::Kind::timeout, "the world did not answer in time"};
        return std::nullopt;
      }
      wait_ms = static_cast<int>(std::min<long long>(left, 60'000));
    }
    if (cancelled) wait_ms = wait_ms < 0 ? 100 : std::min(wait_ms, 100);
    pollfd p{fd_, POLLIN, 0};
    const int n = poll(&p, 1, wait_ms);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) continue;
    char buf[8192];
    const ssize_t got = recv(fd_, buf, sizeof buf, 0);
    if (got > 0) {
      buffer_.append(buf, static_cast<std::size_t>(got));
    } else if (got < 0 && errno == EINTR) {
      continue;
    } else {
      close_now();
      *error = Error{Error::Kind::closed, "the world's daemon closed the connection"};
      return std::nullopt;
    }
  }
}

std::optional<Reply> Client::request(std::string_view verb, const Fields& fields, Clock::time_point deadline,
                                     Error* error, const std::function<bool()>& cancelled) {
  if (fd_ < 0) {
    *error = Error{Error::Kind::closed, "not connected to the world"};
    return std::nullopt;
  }
  const std::string line = make_line(verb, fields);
  std::size_t sent = 0;
  while (sent < line.size()) {
    const ssize_t n = ::send(fd_, line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      *error = Error{Error::Kind::send, std::string("cannot send to the daemon: ") + std::strerror(errno)};
      close_now();
      return std::nullopt;
    }
    sent += static_cast<std::size_t>(n);
  }
  Reply reply;
  for (;;) {
    auto text = read_line(deadline, error, cancelled);
    if (!text) return std::nullopt;
    air::ParseError parse_error = air::ParseError::none;
    auto parsed = parse_line(*text, &parse_error);
    if (!parsed) {
      *error = Error{Error::Kind::bad_line,
                     std::string("bad line from the daemon: ") + air::to_string(parse_error)};
      close_now();
      return std::nullopt;
    }
    if (is_push(parsed->verb)) {
      if (on_push_) on_push_(*parsed);
    } else if (parsed->verb == air::verb::kOk || parsed->verb == air::verb::kError) {
      reply.final = std::move(*parsed);
      return reply;
    } else {
      reply.data.push_back(std::move(*parsed));
    }
  }
}

void Client::wait_closed() {
  char buf[256];
  for (;;) {
    const ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n > 0 || (n < 0 && errno == EINTR)) continue;
    return;
  }
}

}  // namespace onboard::air_client
