#include "support/redis_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>

namespace onboard::cloud::test {

namespace fs = std::filesystem;

namespace {
constexpr const char* kRedisBin = "/usr/bin/redis-server";
}

RedisServer::RedisServer() {
  auto home = daemon_home(kRedisBin, "/tmp/onboard-redis-XXXXXX");
  error_ = home.error;
  account_ = home.account;
  dir_ = home.dir;
}

RedisServer::~RedisServer() {
  if (process_.running()) process_.stop(SIGKILL);
  std::error_code ignored;
  if (!dir_.empty()) fs::remove_all(dir_, ignored);
}

bool RedisServer::start() {
  if (dir_.empty()) return false;
  if (process_.running()) return true;
  return start_on_free_port(port_, [this] { return try_start(); });
}

bool RedisServer::try_start() {
  const std::vector<std::string> argv = {
      kRedisBin,
      "--port",
      std::to_string(port_),
      "--bind",
      "127.0.0.1",
      "--unixsocket",
      socket_path(),
      "--unixsocketperm",
      "700",
      "--dir",
      dir_,
      // What must survive a Redis restart lives in PostgreSQL: nothing is saved here.
      "--save",
      "",
      "--appendonly",
      "no",
      "--daemonize",
      "no",
      "--logfile",
      "",
  };
  const Readiness ready{"redis-server", "answer PING",
                        [this] { return redis_command(port_, "PING") == "+PONG"; }, std::chrono::seconds(10),
                        std::chrono::milliseconds(5)};
  error_ = process_.start_ready(argv, dir_ + "/redis.log", account_, ready);
  return error_.empty();
}

bool RedisServer::stop(bool kill) {
  if (!process_.running()) return true;
  process_.stop(kill ? SIGKILL : SIGTERM);
  return !process_.running();
}

std::string RedisServer::log() const {
  return read_text(dir_ + "/redis.log");
}

std::string redis_command(int port, const std::string& command) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return {};
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string reply;
  const std::string line = command + "\r\n";
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::send(fd, line.data(), line.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(line.size())) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    while (reply.find("\r\n") == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      char buf[256];
      const auto n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      reply.append(buf, static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
  const auto end = reply.find("\r\n");
  return end == std::string::npos ? std::string() : reply.substr(0, end);
}

}  // namespace onboard::cloud::test
