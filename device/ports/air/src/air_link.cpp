#include "onboard/device/ports/air/air_link.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "onboard/protocol/air/line_writer.hpp"
#include "onboard/protocol/air/vocabulary.hpp"

namespace onboard::port {

int connect_air_socket(const std::string& path) {
  sockaddr_un address{};
  if (path.size() >= sizeof address.sun_path) {
    errno = ENAMETOOLONG;
    return -1;
  }
  address.sun_family = AF_UNIX;
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  // A local connect to a listening socket completes at once; only then does the
  // socket turn non-blocking for the loop.
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    const int error = errno;
    ::close(fd);
    errno = error;
    return -1;
  }
  return fd;
}

AirLink::AirLink(int fd, std::string host, LogFn log)
    : fd_(fd), host_(std::move(host)), log_(std::move(log)), reader_(in_buffer_.data(), in_buffer_.size()) {
  if (fd_ >= 0) {
    const int flags = fcntl(fd_, F_GETFL);
    fcntl(fd_, F_SETFL, flags | O_NONBLOCK);
  }
  char line[air::kMaxLine];
  air::LineWriter writer(line, sizeof line);
  writer.verb(air::verb::kHello).field("host", host_).field("role", "board").finish();
  request(AirRequest::Hello, writer.line());
}

AirLink::~AirLink() {
  if (fd_ >= 0) ::close(fd_);
}

void AirLink::add_listener(AirListener* listener) {
  for (AirListener*& slot : listeners_) {
    if (slot == nullptr) {
      slot = listener;
      return;
    }
  }
}

std::uint32_t AirLink::request(AirRequest kind, std::string_view line) {
  const std::uint32_t tag = next_tag_++;
  if (fd_ < 0) {
    orphans_.push_back({kind, tag});
    return tag;
  }
  out_.append(line);
  pending_.push_back({kind, tag});
  flush();
  return tag;
}

void AirLink::answer_locally(AirRequest kind, std::uint32_t tag, std::string_view why) {
  char line[128];
  air::LineWriter writer(line, sizeof line);
  writer.verb(air::verb::kError).field("reason", air::to_string(air::Reason::internal)).field("detail", why);
  air::Message reply;
  if (reply.parse(line, writer.size()) != air::ParseError::none) return;
  for (AirListener* listener : listeners_)
    if (listener != nullptr) listener->on_reply(kind, tag, reply);
}

void AirLink::lose(std::string_view why) {
  if (fd_ < 0) return;
  if (log_) log_(std::string("air: control socket lost (") + std::string(why) + "); the radio is off now");
  ::close(fd_);
  fd_ = -1;
  out_.clear();
  // Nothing will answer what is still waiting: pump() does, so no state stays
  // "Joining" or "Running" forever.
  orphans_.insert(orphans_.end(), pending_.begin(), pending_.end());
  pending_.clear();
}

void AirLink::flush() {
  while (fd_ >= 0 && !out_.empty()) {
    const ssize_t sent = ::send(fd_, out_.data(), out_.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (sent > 0) {
      out_.erase(0, static_cast<std::size_t>(sent));
    } else if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
      return;
    } else {
      lose(std::strerror(errno));
    }
  }
}

void AirLink::pump() {
  flush();
  read_available();
  while (!orphans_.empty()) {
    const Pending orphan = orphans_.front();
    orphans_.pop_front();
    answer_locally(orphan.kind, orphan.tag, "air_socket_closed");
  }
}

void AirLink::read_available() {
  while (fd_ >= 0) {
    char* line = nullptr;
    std::size_t length = 0;
    air::LineReader::Result result;
    while ((result = reader_.next(&line, &length)) != air::LineReader::Result::none) {
      if (result == air::LineReader::Result::too_long) {
        if (log_) log_("air: dropped an over-long line from the daemon");
        continue;
      }
      air::Message message;
      const air::ParseError error = message.parse(line, length);
      if (error != air::ParseError::none) {
        if (log_) log_(std::string("air: unreadable line from the daemon: ") + air::to_string(error));
        continue;
      }
      dispatch(message);
      if (fd_ < 0) return;
    }
    if (reader_.space_size() == 0) return;  // cannot happen: next() makes room
    const ssize_t got = ::recv(fd_, reader_.space(), reader_.space_size(), MSG_DONTWAIT);
    if (got > 0) {
      reader_.commit(static_cast<std::size_t>(got));
    } else if (got == 0) {
      lose("the daemon closed it");
    } else if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
      return;
    } else {
      lose(std::strerror(errno));
    }
  }
}

void AirLink::dispatch(const air::Message& message) {
  const bool is_push = message.is(air::verb::kButton) || message.is(air::verb::kLinkLost);
  if (is_push) {
    for (AirListener* listener : listeners_)
      if (listener != nullptr) listener->on_push(message);
    return;
  }
  if (pending_.empty()) {
    if (log_) log_(std::string("air: unexpected line: ") + std::string(message.verb()));
    return;
  }
  const Pending front = pending_.front();
  const bool final = message.is(air::verb::kOk) || message.is(air::verb::kError);
  if (final) pending_.pop_front();
  for (AirListener* listener : listeners_) {
    if (listener == nullptr) continue;
    if (final) {
      listener->on_reply(front.kind, front.tag, message);
    } else {
      listener->on_data(front.kind, front.tag, message);
    }
  }
  if (final && message.is(air::verb::kError) && front.kind == AirRequest::Hello && log_)
    log_(std::string("air: the world refused hello: ") + std::string(message.get("reason")) + " " +
         std::string(message.get("detail")));
}

void AirLink::add_to(Poller& poller) const {
  if (!orphans_.empty()) poller.wake_now();
  if (fd_ < 0) return;
  poller.add(fd_, static_cast<short>(out_.empty() ? POLLIN : POLLIN | POLLOUT));
}

}  // namespace onboard::port
