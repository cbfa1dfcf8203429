// The daemon: one thread, one epoll loop over the control socket, its
// connections, a signalfd (children, termination) and the world's timers.
#pragma once

#include <map>
#include <string>

#include "run_dir.hpp"
#include "wire/line.hpp"
#include "world/world.hpp"

namespace onboard::air {

class Server {
 public:
  Server(const RunDir& run_dir, WorldOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Builds the world and listens on air.sock. On failure the world is undone.
  // owner_pid > 0: the world goes down when that process ends (test harnesses).
  bool start(std::string* error, int owner_pid = 0);
  // Serves until "shutdown" or SIGTERM/SIGINT; the world is destroyed on return.
  void run();

 private:
  struct Connection {
    int fd = -1;
    std::string in;
    std::string out;
    std::string host;       // set by "hello": pushes for this host come here
    bool skipping = false;  // inside an over-long line
  };

  void accept_clients();
  void read_from(Connection& conn);
  void write_to(Connection& conn);
  void close_connection(int fd);
  void send(Connection& conn, const std::string& bytes);
  void push(const std::string& host, const std::string& line);
  void reap_children();
  void on_signal();
  Reply handle(Connection& conn, const ParsedLine& request);
  Reply handle_station(Connection& conn, const ParsedLine& request);
  Reply handle_control(const ParsedLine& request);

  RunDir run_dir_;
  World world_;
  int epoll_fd_ = -1;
  int listen_fd_ = -1;
  int signal_fd_ = -1;
  int owner_fd_ = -1;  // pidfd of the owner process, readable when it ends
  bool stopping_ = false;
  std::map<int, Connection> connections_;
};

}  // namespace onboard::air
