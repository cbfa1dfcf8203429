#include "cli/client.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace onboard::air {

Client::~Client() {
  if (fd_ >= 0) close(fd_);
}

std::optional<Client> Client::connect(const std::filesystem::path& socket_path, std::string* error) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  const std::string path = socket_path.string();
  if (path.size() >= sizeof addr.sun_path) {
    *error = "socket path too long: " + path;
    return std::nullopt;
  }
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    *error = "no world is up at " + path + " (" + std::strerror(errno) + ")";
    close(fd);
    return std::nullopt;
  }
  return Client(fd);
}

std::optional<std::string> Client::read_line(std::string* error) {
  for (;;) {
    const std::size_t nl = buffer_.find('\n');
    if (nl != std::string::npos) {
      std::string line = buffer_.substr(0, nl + 1);
      buffer_.erase(0, nl + 1);
      return line;
    }
    char buf[8192];
    const ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n > 0) {
      buffer_.append(buf, static_cast<std::size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      *error = "the world's daemon closed the connection";
      return std::nullopt;
    }
  }
}

std::optional<Response> Client::request(std::string_view verb, const FieldList& fields, std::string* error) {
  const std::string line = make_line(verb, fields);
  std::size_t sent = 0;
  while (sent < line.size()) {
    const ssize_t n = ::send(fd_, line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      *error = std::string("cannot send to the daemon: ") + std::strerror(errno);
      return std::nullopt;
    }
    sent += static_cast<std::size_t>(n);
  }
  Response response;
  for (;;) {
    auto text = read_line(error);
    if (!text) return std::nullopt;
    ParseError parse_error = ParseError::none;
    auto parsed = parse_line(*text, &parse_error);
    if (!parsed) {
      *error = std::string("bad line from the daemon: ") + to_string(parse_error);
      return std::nullopt;
    }
    if (parsed->verb == "ok" || parsed->verb == "error") {
      response.final = std::move(*parsed);
      return response;
    }
    response.data.push_back(std::move(*parsed));
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

}  // namespace onboard::air
