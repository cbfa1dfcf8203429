#include "http.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace onboard::fleet {

Http::~Http() {
  disconnect();
}

void Http::disconnect() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  buffer_.clear();
}

bool Http::ensure_connected() {
  if (fd_ >= 0) return true;
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port_);
  if (::inet_pton(AF_INET, host_.c_str(), &addr.sin_addr) != 1 ||
      ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    disconnect();
    return false;
  }
  int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return true;
}

HttpResult Http::request(const std::string& method, const std::string& path, const std::string& body,
                         const std::string& bearer) {
  std::string wire = method + " " + path + " HTTP/1.1\r\nHost: " + host_ + "\r\n";
  if (!bearer.empty()) wire += "Authorization: Bearer " + bearer + "\r\n";
  if (!body.empty() || method == "POST") {
    wire += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  }
  wire += "\r\n";
  wire += body;
  // One retry on a fresh connection: the server may have closed an idle keep-alive one.
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!ensure_connected()) return {};
    auto result = exchange(wire);
    if (result.status != 0) return result;
    disconnect();
  }
  return {};
}

HttpResult Http::exchange(const std::string& wire) {
  std::size_t sent = 0;
  while (sent < wire.size()) {
    const auto n = ::send(fd_, wire.data() + sent, wire.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return {};
    sent += static_cast<std::size_t>(n);
  }
  auto fill = [&]() {
    char chunk[16384];
    const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  };
  std::size_t header_end;
  while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!fill()) return {};
  }
  HttpResult result;
  const std::string head = buffer_.substr(0, header_end);
  if (head.size() < 12) return {};
  result.status = std::atoi(head.c_str() + 9);
  std::size_t length = 0;
  bool close_after = false;
  std::size_t pos = 0;
  while ((pos = head.find("\r\n", pos)) != std::string::npos) {
    pos += 2;
    const auto eol = head.find("\r\n", pos);
    std::string line = head.substr(pos, eol == std::string::npos ? std::string::npos : eol - pos);
    for (auto& ch : line) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (line.rfind("content-length:", 0) == 0) length = std::strtoul(line.c_str() + 15, nullptr, 10);
    if (line.rfind("connection:", 0) == 0 && line.find("close") != std::string::npos) close_after = true;
  }
  const std::size_t body_start = header_end + 4;
  while (buffer_.size() < body_start + length) {
    if (!fill()) return {};
  }
  result.body = buffer_.substr(body_start, length);
  buffer_.erase(0, body_start + length);
  if (close_after) disconnect();
  return result;
}

}  // namespace onboard::fleet
