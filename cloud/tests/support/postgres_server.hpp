// A real PostgreSQL server for a test: its own cluster in a temporary directory, run as an
// unprivileged account, on a free port of 127.0.0.1 and a unix socket in that directory.
#pragma once

#include <string>

#include "support/daemon_process.hpp"

namespace onboard::cloud::test {

class PostgresServer {
 public:
  // Makes the cluster (a copy of one initdb'd template kept in /tmp, so a start costs a
  // copy rather than an initdb) but does not start it. error() says why when it failed.
  PostgresServer();
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // Starts the server and waits until it accepts connections (deadline 30 s).
  bool start();
  // Fast shutdown (connections are cut, committed data stays); true when it exited.
  bool stop();
  bool restart() { return stop() && start(); }
  bool running() { return process_.running(); }

  // postgresql://onboard@127.0.0.1:PORT/DB over TCP (what a cloud node is given).
  std::string url(const std::string& database = "onboard") const;
  // The same over the unix socket in the temporary directory.
  std::string socket_url(const std::string& database = "onboard") const;
  // CREATE DATABASE name; a fresh empty database per test is cheaper than a server.
  bool create_database(const std::string& name);
  // Runs SQL on a database (one-shot connection); an empty string or the error message.
  std::string execute(const std::string& sql, const std::string& database = "onboard");

  int port() const { return port_; }
  const std::string& directory() const { return dir_; }
  const std::string& error() const { return error_; }
  std::string log() const;

 private:
  bool try_start();
  std::string bindir_;
  std::string dir_;
  std::string error_;
  int port_ = 0;
  Account account_;
  DaemonProcess process_;
};

}  // namespace onboard::cloud::test
