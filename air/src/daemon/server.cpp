#include "daemon/server.hpp"

#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace onboard::air {
namespace {

// Control lines (board_add with a long command) may exceed the firmware's
// kMaxLine; nothing legitimate comes near this.
constexpr std::size_t kMaxControlLine = 64 * 1024;
// A client that does not read its replies is dropped past this much backlog.
constexpr std::size_t kMaxBacklog = 4 * 1024 * 1024;

}  // namespace

Server::Server(const RunDir& run_dir, WorldOptions options)
    : run_dir_(run_dir), world_(run_dir, options, [this](const std::string& host, const std::string& line) {
        push(host, line);
      }) {}

Server::~Server() {
  for (auto& [fd, conn] : connections_) close(fd);
  if (listen_fd_ >= 0) close(listen_fd_);
  if (signal_fd_ >= 0) close(signal_fd_);
  if (owner_fd_ >= 0) close(owner_fd_);
  if (epoll_fd_ >= 0) close(epoll_fd_);
}

bool Server::start(std::string* error, int owner_pid) {
  sigset_t signals;
  sigemptyset(&signals);
  for (int s : {SIGCHLD, SIGTERM, SIGINT}) sigaddset(&signals, s);
  sigprocmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);
  signal(SIGHUP, SIG_IGN);
  signal_fd_ = signalfd(-1, &signals, SFD_CLOEXEC | SFD_NONBLOCK);
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);

  if (!world_.create(error)) {
    world_.destroy();
    return false;
  }

  const std::string path = run_dir_.socket().string();
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path) {
    *error = "socket path too long (max " + std::to_string(sizeof addr.sun_path - 1) + " bytes): " + path;
    world_.destroy();
    return false;
  }
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  unlink(path.c_str());
  listen_fd_ = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(listen_fd_, 64) != 0) {
    *error = "cannot listen on " + path + ": " + std::strerror(errno);
    world_.destroy();
    return false;
  }
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = listen_fd_;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, listen_fd_, &ev);
  ev.data.fd = signal_fd_;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, signal_fd_, &ev);
  if (owner_pid > 0) {
    owner_fd_ = static_cast<int>(syscall(SYS_pidfd_open, owner_pid, 0));
    if (owner_fd_ < 0) {
      *error = "cannot watch owner process " + std::to_string(owner_pid) + ": " + std::strerror(errno);
      world_.destroy();
      return false;
    }
    ev.data.fd = owner_fd_;
    epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, owner_fd_, &ev);
  }
  return true;
}

void Server::run() {
  while (!stopping_) {
    int timeout = -1;
    if (auto deadline = world_.next_deadline()) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - std::chrono::steady_clock::now());
      timeout = static_cast<int>(std::max<long long>(0, left.count() + 1));
    }
    epoll_event events[32];
    const int n = epoll_wait(epoll_fd_, events, 32, timeout);
    if (n < 0 && errno != EINTR) break;
    for (int i = 0; i < n && !stopping_; ++i) {
      const int fd = events[i].data.fd;
      if (fd == listen_fd_) {
        accept_clients();
      } else if (fd == signal_fd_) {
        on_signal();
      } else if (fd == owner_fd_) {
        std::fprintf(stderr, "air: the owner process ended: taking the world down\n");
        stopping_ = true;
      } else if (connections_.count(fd) != 0) {
        if ((events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) != 0) read_from(connections_[fd]);
        if (connections_.count(fd) != 0 && (events[i].events & EPOLLOUT) != 0) write_to(connections_[fd]);
      }
    }
    world_.tick(std::chrono::steady_clock::now());
  }
  world_.destroy();
  unlink(run_dir_.socket().c_str());
}

void Server::accept_clients() {
  for (;;) {
    const int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd < 0) return;
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = fd;
    epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &ev);
    connections_[fd].fd = fd;
  }
}

void Server::read_from(Connection& conn) {
  const int fd = conn.fd;
  char buf[4096];
  bool eof = false;
  for (;;) {
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n > 0) {
      conn.in.append(buf, static_cast<std::size_t>(n));
      if (conn.in.size() > 2 * kMaxControlLine) break;
      continue;
    }
    if (n == 0 || (errno != EAGAIN && errno != EINTR)) eof = true;
    if (n < 0 && errno == EINTR) continue;
    break;
  }
  // Requests are handled in order; each reply is written whole, so pushes
  // never land inside a reply.
  std::size_t start = 0;
  for (;;) {
    const std::size_t nl = conn.in.find('\n', start);
    if (nl == std::string::npos) break;
    std::string line = conn.in.substr(start, nl - start);
    start = nl + 1;
    if (conn.skipping) {
      conn.skipping = false;
      continue;
    }
    ParseError error = ParseError::none;
    auto request = parse_line(line, &error);
    if (!request) {
      if (error != ParseError::empty)
        send(conn, Reply::error(Reason::bad_request, to_string(error)).serialize());
      if (connections_.count(fd) == 0) return;
      continue;
    }
    std::string reply;
    try {
      reply = handle(conn, *request).serialize();
    } catch (const std::exception& e) {
      // A bug must not take the world (and its namespaces) down with it.
      std::fprintf(stderr, "air: %s failed: %s\n", request->verb.c_str(), e.what());
      reply = Reply::error(Reason::internal, e.what()).serialize();
    }
    if (connections_.count(fd) == 0) return;
    send(conn, reply);
    if (stopping_ || connections_.count(fd) == 0) return;
  }
  conn.in.erase(0, start);
  if (conn.in.size() > kMaxControlLine) {
    conn.in.clear();
    conn.skipping = true;
    send(conn, Reply::error(Reason::line_too_long).serialize());
    if (connections_.count(fd) == 0) return;
  }
  if (eof) close_connection(fd);
}

void Server::send(Connection& conn, const std::string& bytes) {
  conn.out += bytes;
  write_to(conn);
}

void Server::write_to(Connection& conn) {
  while (!conn.out.empty()) {
    const ssize_t n = ::send(conn.fd, conn.out.data(), conn.out.size(), MSG_NOSIGNAL);
    if (n > 0) {
      conn.out.erase(0, static_cast<std::size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else if (n < 0 && errno == EAGAIN) {
      break;
    } else {
      close_connection(conn.fd);
      return;
    }
  }
  if (conn.out.size() > kMaxBacklog) {
    close_connection(conn.fd);
    return;
  }
  epoll_event ev{};
  ev.events = EPOLLIN | (conn.out.empty() ? 0u : static_cast<std::uint32_t>(EPOLLOUT));
  ev.data.fd = conn.fd;
  epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, conn.fd, &ev);
}

void Server::close_connection(int fd) {
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
  close(fd);
  connections_.erase(fd);
}

void Server::push(const std::string& host, const std::string& line) {
  std::vector<int> targets;
  for (auto& [fd, conn] : connections_) {
    if (conn.host == host) targets.push_back(fd);
  }
  for (int fd : targets) {
    if (connections_.count(fd) != 0) send(connections_[fd], line);
  }
}

void Server::reap_children() {
  for (;;) {
    int status = 0;
    const pid_t pid = waitpid(-1, &status, WNOHANG);
    if (pid <= 0) return;
    world_.on_child_exit(pid, status);
  }
}

void Server::on_signal() {
  signalfd_siginfo info{};
  while (read(signal_fd_, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
    if (info.ssi_signo == SIGCHLD) {
      reap_children();
    } else {
      stopping_ = true;
    }
  }
}

}  // namespace onboard::air
