// A real Redis server for a test: no persistence, in a temporary directory, run as an
// unprivileged account, on a free port of 127.0.0.1 and a unix socket in that directory.
#pragma once

#include <string>

#include "support/daemon_process.hpp"

namespace onboard::cloud::test {

class RedisServer {
 public:
  RedisServer();
  ~RedisServer();
  RedisServer(const RedisServer&) = delete;
  RedisServer& operator=(const RedisServer&) = delete;

  // Starts the server and waits until it answers PING (deadline 10 s). A restart keeps the port.
  bool start();
  // SIGTERM (or SIGKILL when `kill`); true when it is gone.
  bool stop(bool kill = false);
  bool running() { return process_.running(); }

  std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }
  std::string socket_path() const { return dir_ + "/redis.sock"; }
  int port() const { return port_; }
  const std::string& error() const { return error_; }
  std::string log() const;

 private:
  bool try_start();
  std::string dir_;
  std::string error_;
  int port_ = 0;
  Account account_;
  DaemonProcess process_;
};

// Sends one inline command to 127.0.0.1:port and returns the first reply line ("+PONG"),
// or "" when there is no answer within a second.
std::string redis_command(int port, const std::string& command);

}  // namespace onboard::cloud::test
