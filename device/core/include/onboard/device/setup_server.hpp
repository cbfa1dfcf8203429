// The HTTP transport of the setup API on port 80: accepts a few clients, parses
// requests with limits, and streams each reply; what to answer is the handler's job.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onboard/device/capacities.hpp"
#include "onboard/device/hal/net.hpp"
#include "onboard/device/http_request_parser.hpp"

namespace onboard::device {

// Where a reply's bytes go: a window [skip, skip + cap) of the whole reply is
// copied out, everything is counted. Rendering the same reply twice must give
// the same bytes, which lets the server send any size from a small buffer.
class ReplySink {
 public:
  ReplySink(std::size_t skip, char* out, std::size_t cap) : skip_(skip), out_(out), cap_(cap) {}
  void write(std::string_view text);
  std::size_t total() const { return total_; }
  std::size_t copied() const { return copied_; }

 private:
  std::size_t skip_;
  char* out_;
  std::size_t cap_;
  std::size_t total_ = 0;
  std::size_t copied_ = 0;
};

// What to answer, decided once per request (and any action taken then); small
// enough to keep per client while the reply streams out.
struct Reply {
  std::uint16_t status = 200;
  std::uint8_t body = 0;    // the handler's own code for which body to render
  std::uint8_t detail = 0;  // snapshot the body depends on (a state, a reason...)
  std::uint32_t extra = 0;  // more snapshot bits
  bool head_only = false;
  bool close = false;
  bool after_sent = false;  // call SetupHandler::sent() when done (reboot, reset)
};

class SetupHandler {
 public:
  virtual Reply handle(const HttpRequestParser& request) = 0;
  virtual Reply error(int status) = 0;  // a request the parser refused
  // Headers after the status line (each ending in CRLF), then the body.
  virtual void render_headers(const Reply& reply, ReplySink& sink) = 0;
  virtual void render_body(const Reply& reply, ReplySink& sink) = 0;
  virtual void sent(const Reply& reply) = 0;

 protected:
  ~SetupHandler() = default;
};

class SetupServer {
 public:
  static constexpr std::uint32_t kIdleTimeoutMs = 10000;

  SetupServer() {
    if (kHttpBodyBytes == 0) return;
    for (Client& client : clients_) client.parser.share_body(&shared_body_);
  }
  SetupServer(const SetupServer&) = delete;
  SetupServer& operator=(const SetupServer&) = delete;

  bool start(hal::Net& net);  // listens on port 80; false when refused
  void stop(hal::Net& net);   // closes the listener and every client
  void poll(hal::Net& net, std::uint64_t now, SetupHandler& handler);
  bool active() const { return listener_ != hal::kNoHandle; }
  std::size_t clients() const;
  // True while some reply of this body code is still being sent.
  bool sending(std::uint8_t body) const;

 private:
  struct Client {
    Client() : parser(target, sizeof target, body_limits()) {}
    static HttpLimits body_limits() {
      HttpLimits limits;
      if (kHttpBodyBytes > limits.max_body) limits.max_body = kHttpBodyBytes;
      return limits;
    }
    hal::Handle handle = hal::kNoHandle;
    char target[kHttpTargetBytes];
    HttpRequestParser parser;
    std::uint8_t pending[64] = {};  // bytes read beyond the current request
    std::uint8_t pending_size = 0;
    bool replying = false;
    Reply reply;
    std::size_t reply_size = 0;
    std::size_t reply_sent = 0;
    std::uint64_t last_active = 0;
  };

  void close(hal::Net& net, Client& client);
  void accept(hal::Net& net, std::uint64_t now);
  void read(hal::Net& net, Client& client, std::uint64_t now, SetupHandler& handler);
  void begin_reply(Client& client, const Reply& reply, SetupHandler& handler);
  void render(const Client& client, ReplySink& sink, SetupHandler& handler) const;
  void write(hal::Net& net, Client& client, std::uint64_t now, SetupHandler& handler);

  // One POST body buffer for all clients (RAM): a body is needed only until its request is
  // handled, and two clients sending bodies at the same moment is rare on a setup AP (503).
  char body_[kHttpBodyBytes > 0 ? kHttpBodyBytes : 1];
  SharedBody shared_body_{kHttpBodyBytes > 0 ? body_ : nullptr, kHttpBodyBytes, nullptr};
  hal::Handle listener_ = hal::kNoHandle;
  Client clients_[kHttpClients];
};

// "OK", "Not Found", ... for the status codes the server uses.
std::string_view http_reason(int status);

}  // namespace onboard::device
