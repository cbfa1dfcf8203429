#include "onboard/cloud/cluster/redis_bus.hpp"

#include <hiredis/hiredis.h>
#include <poll.h>

#include <charconv>
#include <vector>

#include <spdlog/spdlog.h>

namespace onboard::cloud {

namespace {

constexpr const char* kAllNodes = "onboard:all";

timeval to_timeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<long>(ms.count() / 1000);
  tv.tv_usec = static_cast<long>((ms.count() % 1000) * 1000);
  return tv;
}

bool parse_int(std::string_view text, int& out) {
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return !text.empty() && ec == std::errc() && p == text.data() + text.size();
}

// Connects and authenticates; nullptr with the reason in `error`.
redisContext* open(const RedisAddress& a, std::chrono::milliseconds timeout, std::string& error) {
  redisContext* c = redisConnectWithTimeout(a.host.c_str(), a.port, to_timeval(timeout));
  if (c == nullptr || c->err != 0) {
    error = c != nullptr ? c->errstr : "out of memory";
    if (c != nullptr) redisFree(c);
    return nullptr;
  }
  redisSetTimeout(c, to_timeval(timeout));
  redisEnableKeepAlive(c);
  auto setup = [&](std::vector<std::string> args) {
    std::vector<const char*> argv;
    std::vector<size_t> lens;
    for (auto& s : args) {
      argv.push_back(s.data());
      lens.push_back(s.size());
    }
    auto* r = static_cast<redisReply*>(
        redisCommandArgv(c, static_cast<int>(argv.size()), argv.data(), lens.data()));
    const bool ok = r != nullptr && r->type != REDIS_REPLY_ERROR;
    if (!ok) error = r != nullptr ? std::string(r->str, r->len) : std::string(c->errstr);
    if (r != nullptr) freeReplyObject(r);
    return ok;
  };
  if ((!a.password.empty() && !setup({"AUTH", a.password})) ||
      (a.database != 0 && !setup({"SELECT", std::to_string(a.database)}))) {
    redisFree(c);
    return nullptr;
  }
  return c;
}

}  // namespace

std::optional<RedisAddress> parse_redis_url(const std::string& url) {
  constexpr std::string_view kScheme = "redis://";
  if (url.rfind(kScheme, 0) != 0) return std::nullopt;
  std::string_view rest = std::string_view(url).substr(kScheme.size());
  RedisAddress a;
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
    auto auth = rest.substr(0, at);
    if (const auto colon = auth.find(':'); colon != std::string_view::npos) auth = auth.substr(colon + 1);
    a.password = std::string(auth);
    rest = rest.substr(at + 1);
  }
  if (const auto slash = rest.find('/'); slash != std::string_view::npos) {
    const auto db = rest.substr(slash + 1);
    if (!db.empty() && !parse_int(db, a.database)) return std::nullopt;
    rest = rest.substr(0, slash);
  }
  if (const auto colon = rest.rfind(':'); colon != std::string_view::npos) {
    if (!parse_int(rest.substr(colon + 1), a.port) || a.port < 1 || a.port > 65535) return std::nullopt;
    rest = rest.substr(0, colon);
  }
  if (!rest.empty()) a.host = std::string(rest);
  return a;
}

RedisConnection::RedisConnection(RedisAddress address, std::chrono::milliseconds timeout)
    : address_(std::move(address)), timeout_(timeout) {}

RedisConnection::~RedisConnection() {
  if (ctx_ != nullptr) redisFree(ctx_);
}

bool RedisConnection::connect_locked(std::string& error) {
  if (ctx_ != nullptr) return true;
  ctx_ = open(address_, timeout_, error);
  return ctx_ != nullptr;
}

RedisConnection::Reply RedisConnection::command(std::initializer_list<std::string_view> args) {
  std::lock_guard lock(mutex_);
  Reply out;
  if (!connect_locked(out.text)) {
    out.text = "redis unavailable: " + out.text;
    return out;
  }
  std::vector<const char*> argv;
  std::vector<size_t> lens;
  for (auto a : args) {
    argv.push_back(a.data());
    lens.push_back(a.size());
  }
  auto* r = static_cast<redisReply*>(
      redisCommandArgv(ctx_, static_cast<int>(argv.size()), argv.data(), lens.data()));
  if (r == nullptr) {
    // The context is unusable after an I/O error: the next call connects anew.
    out.text = std::string("redis unavailable: ") + ctx_->errstr;
    redisFree(ctx_);
    ctx_ = nullptr;
    return out;
  }
  out.ok = r->type != REDIS_REPLY_ERROR;
  out.nil = r->type == REDIS_REPLY_NIL;
  if (r->type == REDIS_REPLY_INTEGER) out.integer = r->integer;
  if (r->str != nullptr) out.text.assign(r->str, r->len);
  freeReplyObject(r);
  return out;
}

std::optional<std::vector<std::optional<std::string>>> RedisConnection::command_many(
    std::string_view name, const std::vector<std::string>& args) {
  std::lock_guard lock(mutex_);
  std::string error;
  if (!connect_locked(error)) return std::nullopt;
  std::vector<const char*> argv{name.data()};
  std::vector<size_t> lens{name.size()};
  for (const auto& a : args) {
    argv.push_back(a.data());
    lens.push_back(a.size());
  }
  auto* r = static_cast<redisReply*>(
      redisCommandArgv(ctx_, static_cast<int>(argv.size()), argv.data(), lens.data()));
  if (r == nullptr) {
    redisFree(ctx_);
    ctx_ = nullptr;
    return std::nullopt;
  }
  std::optional<std::vector<std::optional<std::string>>> out;
  if (r->type == REDIS_REPLY_ARRAY) {
    out.emplace();
    for (size_t i = 0; i < r->elements; ++i) {
      const auto* e = r->element[i];
      if (e->type == REDIS_REPLY_STRING) {
        out->emplace_back(std::string(e->str, e->len));
      } else {
        out->emplace_back(std::nullopt);
      }
    }
  }
  freeReplyObject(r);
  return out;
}

RedisBus::RedisBus(RedisAddress address, std::string node_id, Handler on_message, StateHandler on_state)
    : address_(address),
      node_id_(std::move(node_id)),
      on_message_(std::move(on_message)),
      on_state_(std::move(on_state)),
      publisher_(address) {}

RedisBus::~RedisBus() {
  stop();
}

std::string RedisBus::channel_of(const std::string& node) {
  return "onboard:node:" + node;
}

void RedisBus::start() {
  if (listener_.joinable()) return;
  stopping_ = false;
  listener_ = std::thread([this] { listen_loop(); });
}

void RedisBus::stop() {
  stopping_ = true;
  if (listener_.joinable()) listener_.join();
}

RedisBus::Delivery RedisBus::send(const std::string& node, const std::string& payload) {
  const std::string channel = node.empty() ? kAllNodes : channel_of(node);
  auto r = publisher_.command({"PUBLISH", channel, payload});
  if (!r.ok) return Delivery::Unavailable;
  return r.integer > 0 ? Delivery::Delivered : Delivery::NoListener;
}

void RedisBus::listen_loop() {
  auto pause = std::chrono::milliseconds(50);
  while (!stopping_) {
    std::string error;
    redisContext* c = open(address_, std::chrono::seconds(1), error);
    if (c != nullptr) {
      const std::string mine = channel_of(node_id_);
      auto* r =
          static_cast<redisReply*>(redisCommand(c, "SUBSCRIBE %b %s", mine.data(), mine.size(), kAllNodes));
      if (r != nullptr) freeReplyObject(r);
      // The second subscription's confirmation; after it, messages only.
      void* second = nullptr;
      if (r != nullptr && redisGetReply(c, &second) == REDIS_OK) {
        freeReplyObject(second);
        listening_ = true;
        pause = std::chrono::milliseconds(50);
        spdlog::info("cluster: listening on redis {}:{} as node {}", address_.host, address_.port, node_id_);
        if (on_state_) on_state_(true);
        // Poll before reading, so that stop() is seen within a fifth of a second.
        while (!stopping_) {
          void* reply = nullptr;
          if (redisGetReplyFromReader(c, &reply) != REDIS_OK) break;
          if (reply == nullptr) {
            pollfd p{c->fd, POLLIN, 0};
            const int ready = ::poll(&p, 1, 200);
            if (ready < 0) break;
            if (ready > 0 && redisBufferRead(c) != REDIS_OK) break;
            continue;
          }
          auto* m = static_cast<redisReply*>(reply);
          if (m->type == REDIS_REPLY_ARRAY && m->elements == 3 && m->element[2]->str != nullptr)
            on_message_(std::string(m->element[2]->str, m->element[2]->len));
          freeReplyObject(m);
        }
        listening_ = false;
        if (!stopping_) {
          spdlog::warn("cluster: lost the redis subscription ({}); reconnecting",
                       c->errstr[0] ? c->errstr : "closed");
          if (on_state_) on_state_(false);
        }
      } else {
        error = c->errstr;
      }
      redisFree(c);
    }
    if (stopping_) break;
    // Back off up to a second while Redis is away; stop() still ends the wait quickly.
    const auto until = std::chrono::steady_clock::now() + pause;
    while (!stopping_ && std::chrono::steady_clock::now() < until)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    pause = std::min(pause * 2, std::chrono::milliseconds(1000));
  }
}

}  // namespace onboard::cloud
