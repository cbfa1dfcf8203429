#include "onboard/device/setup_server.hpp"

#include <cstring>

#include "onboard/protocol/codec/decimal.hpp"
namespace onboard::device {
namespace {

constexpr std::size_t kChunk = 256;

void write_number(ReplySink& sink, std::size_t value) {
  sink.write(codec::Decimal(static_cast<std::int64_t>(value)).view());
}

}  // namespace

void ReplySink::write(std::string_view text) {
  const std::size_t start = total_;
  total_ += text.size();
  if (total_ <= skip_ || copied_ == cap_) return;
  const std::size_t from = skip_ > start ? skip_ - start : 0;
  std::size_t n = text.size() - from;
  if (n > cap_ - copied_) n = cap_ - copied_;
  std::memcpy(out_ + copied_, text.data() + from, n);
  copied_ += n;
}

std::string_view http_reason(int status) {
  // One string, entries "<code><text>\0": a table that costs no pointers and no compare chain.
  // Each entry is its own literal: "\0" followed by a digit would be read as one octal escape.
  static constexpr char kReasons[] =
      "200OK\0"
      "204No Content\0"
      "302Found\0"
      "400Bad Request\0"
      "401Unauthorized\0"
      "403Forbidden\0"
      "404Not Found\0"
      "405Method Not Allowed\0"
      "408Request Timeout\0"
      "413Content Too Large\0"
      "414URI Too Long\0"
      "423Locked\0"
      "431Request Header Fields Too Large\0"
      "500Internal Server Error\0"
      "501Not Implemented\0"
      "503Service Unavailable\0"
      "505HTTP Version Not Supported\0";
  for (const char* entry = kReasons; *entry != '\0';) {
    const std::size_t length = std::strlen(entry);
    if ((entry[0] - '0') * 100 + (entry[1] - '0') * 10 + (entry[2] - '0') == status) {
      return {entry + 3, length - 3};
    }
    entry += length + 1;
  }
  return "Unknown";
}

bool SetupServer::start(hal::Net& net) {
  if (listener_ == hal::kNoHandle) listener_ = net.listen(80);
  return listener_ != hal::kNoHandle;
}

void SetupServer::stop(hal::Net& net) {
  for (Client& client : clients_) close(net, client);
  if (listener_ != hal::kNoHandle) net.close(listener_);
  listener_ = hal::kNoHandle;
}

std::size_t SetupServer::clients() const {
  std::size_t n = 0;
  for (const Client& client : clients_) n += client.handle != hal::kNoHandle ? 1 : 0;
  return n;
}

bool SetupServer::sending(std::uint8_t body) const {
  for (const Client& client : clients_) {
    if (client.handle != hal::kNoHandle && client.replying && client.reply.body == body) return true;
  }
  return false;
}

void SetupServer::close(hal::Net& net, Client& client) {
  if (client.handle != hal::kNoHandle) net.close(client.handle);
  client.handle = hal::kNoHandle;
  client.parser.reset();
  client.pending_size = 0;
  client.replying = false;
}

void SetupServer::accept(hal::Net& net, std::uint64_t now) {
  for (int round = 0; round < 4; ++round) {
    const hal::Handle handle = net.accept(listener_);
    if (handle == hal::kNoHandle) return;
    Client* slot = nullptr;
    for (Client& client : clients_) {
      if (client.handle == hal::kNoHandle) {
        slot = &client;
        break;
      }
    }
    if (slot == nullptr) {
      // All slots busy: a client idling in keep-alive makes room for the newcomer,
      // so "several clients in turn" never starve behind an idle connection.
      for (Client& client : clients_) {
        if (!client.replying && !client.parser.started() &&
            (slot == nullptr || client.last_active < slot->last_active)) {
          slot = &client;
        }
      }
      if (slot == nullptr) {
        net.close(handle);
        continue;
      }
      close(net, *slot);
    }
    slot->handle = handle;
    slot->last_active = now;
  }
}

void SetupServer::render(const Client& client, ReplySink& sink, SetupHandler& handler) const {
  const Reply& reply = client.reply;
  ReplySink counter(0, nullptr, 0);
  handler.render_body(reply, counter);
  sink.write("HTTP/1.1 ");
  write_number(sink, reply.status);
  sink.write(" ");
  sink.write(http_reason(reply.status));
  sink.write("\r\n");
  handler.render_headers(reply, sink);
  sink.write("Content-Length: ");
  write_number(sink, counter.total());
  sink.write(reply.close ? "\r\nConnection: close\r\n\r\n" : "\r\nConnection: keep-alive\r\n\r\n");
  if (!reply.head_only) handler.render_body(reply, sink);
}

void SetupServer::begin_reply(Client& client, const Reply& reply, SetupHandler& handler) {
  client.replying = true;
  client.reply = reply;
  client.reply_sent = 0;
  ReplySink counter(0, nullptr, 0);
  render(client, counter, handler);
  client.reply_size = counter.total();
}

void SetupServer::read(hal::Net& net, Client& client, std::uint64_t now, SetupHandler& handler) {
  std::uint8_t chunk[64];
  for (int round = 0; round < 8; ++round) {
    std::size_t size = 0;
    if (client.pending_size > 0) {
      size = client.pending_size;
      std::memcpy(chunk, client.pending, size);
      client.pending_size = 0;
    } else {
      const hal::IoResult n = net.receive(client.handle, chunk, sizeof chunk);
      if (n == 0) return;
      if (n < 0) {
        close(net, client);
        return;
      }
      size = static_cast<std::size_t>(n);
    }
    client.last_active = now;
    const HttpRequestParser::Result r = client.parser.feed(chunk, size);
    if (r.status == HttpRequestParser::Status::NeedMore) continue;
    if (r.status == HttpRequestParser::Status::Error) {
      Reply reply = handler.error(client.parser.error_status());
      reply.close = true;  // the stream cannot be trusted after a bad request
      begin_reply(client, reply, handler);
      return;
    }
    client.pending_size = static_cast<std::uint8_t>(size - r.consumed);
    std::memcpy(client.pending, chunk + r.consumed, client.pending_size);
    Reply reply = handler.handle(client.parser);
    client.parser.release_body();  // handled: the shared body buffer is free for the next client
    reply.close = reply.close || !client.parser.keep_alive();
    begin_reply(client, reply, handler);
    return;
  }
}

void SetupServer::write(hal::Net& net, Client& client, std::uint64_t now, SetupHandler& handler) {
  while (client.reply_sent < client.reply_size) {
    char chunk[kChunk];
    ReplySink sink(client.reply_sent, chunk, sizeof chunk);
    render(client, sink, handler);
    const hal::IoResult n =
        net.send(client.handle, reinterpret_cast<const std::uint8_t*>(chunk), sink.copied());
    if (n == 0) return;
    if (n < 0) {
      if (client.reply.after_sent) handler.sent(client.reply);
      close(net, client);
      return;
    }
    client.reply_sent += static_cast<std::size_t>(n);
    client.last_active = now;
  }
  if (client.reply.after_sent) handler.sent(client.reply);
  if (client.reply.close) {
    close(net, client);
    return;
  }
  client.replying = false;
  client.parser.reset();
}

void SetupServer::poll(hal::Net& net, std::uint64_t now, SetupHandler& handler) {
  if (listener_ == hal::kNoHandle) return;
  accept(net, now);
  for (Client& client : clients_) {
    if (client.handle == hal::kNoHandle) continue;
    if (!client.replying) read(net, client, now, handler);
    if (client.handle != hal::kNoHandle && client.replying) write(net, client, now, handler);
    // A client that went quiet (or never finished its request) frees its slot.
    if (client.handle != hal::kNoHandle && now - client.last_active >= kIdleTimeoutMs) close(net, client);
  }
}

}  // namespace onboard::device
