// GET /api/v1/events: Server-Sent Events of the devices the signed-in user
// may see (status, activation, timeline), from the hub's event feed.
#include <spdlog/spdlog.h>

#include <mutex>
#include <unordered_map>

#include "onboard/cloud/domain/accounts.hpp"
#include "routes.hpp"

namespace onboard::cloud::api {

namespace {

constexpr std::size_t kMaxListeners = 1000;
constexpr int kMaxStreamsPerUser = 20;  // a few tabs and devices; not a way to hold the server's slots
constexpr std::size_t kVisibilityCache = 4096;

// Open streams per user: taken when a stream is made, given back when it ends.
class StreamCounts {
 public:
  bool take(Id user) {
    std::lock_guard lock(mutex_);
    auto& n = counts_[user];
    if (n >= kMaxStreamsPerUser) return false;
    ++n;
    return true;
  }
  void give_back(Id user) {
    std::lock_guard lock(mutex_);
    if (auto it = counts_.find(user); it != counts_.end() && --it->second <= 0) counts_.erase(it);
  }

 private:
  std::mutex mutex_;
  std::unordered_map<Id, int> counts_;
};

StreamCounts& stream_counts() {
  static StreamCounts counts;
  return counts;
}

std::string sse(std::string_view event, const json& data) {
  std::string out = "event: ";
  out += event;
  out += "\ndata: ";
  out += data.dump(-1, ' ', false, json::error_handler_t::replace);
  out += "\n\n";
  return out;
}

class DeviceEventStream final : public ResponseStream {
 public:
  DeviceEventStream(Context& ctx, std::string bearer, User user)
      : ctx_(ctx), bearer_(std::move(bearer)), user_(std::move(user)), counted_user_(user_.id) {}
  ~DeviceEventStream() override { stream_counts().give_back(counted_user_); }
  DeviceEventStream(const DeviceEventStream&) = delete;
  DeviceEventStream& operator=(const DeviceEventStream&) = delete;

  void start(std::function<void()> wake) override {
    subscription_ = ctx_.hub.feed().subscribe(std::move(wake));
  }

  Chunk next(bool tick) override {
    Chunk chunk;
    try {
      if (tick) {
        // The session may have ended (sign-out, user removed) or the role changed.
        auto user = authenticate(ctx_.store, ctx_.clock, bearer_);
        if (!user) {
          // The store cannot answer now: keep the stream, try again at the next tick.
          spdlog::warn("event stream of user={}: session not re-checked: {}", user_.id, user.error().message);
        } else if (!*user) {
          return Chunk{sse("signed-out", json::object()), true};
        } else {
          if ((*user)->role != user_.role) visible_.clear();
          user_ = **user;
        }
        chunk.text = ": keep-alive\n\n";
      }
      auto batch = subscription_->take();
      if (batch.overflowed) chunk.text += sse("reset", json{{"reason", "too many events at once; reload"}});
      bool recheck = false;
      for (const auto& e : batch.events) {
        if (e.kind == LiveEvent::Kind::SessionEnded) {
          recheck = recheck || e.device_id == user_.id;
        } else if (visible(e.device_id)) {
          chunk.text += render(e);
        }
      }
      if (recheck) {
        auto user = authenticate(ctx_.store, ctx_.clock, bearer_);
        if (user && !*user) return Chunk{chunk.text + sse("signed-out", json::object()), true};
      }
    } catch (const std::exception& e) {
      spdlog::warn("event stream of user={}: {}", user_.id, e.what());
    }
    return chunk;
  }

 private:
  bool visible(Id device_id) {
    if (auto it = visible_.find(device_id); it != visible_.end()) return it->second;
    if (visible_.size() >= kVisibilityCache) visible_.clear();
    auto device = ctx_.store.read([&](Records& r) { return r.device_by_id(device_id); });
    if (!device) return false;  // not cached: asked again for the next event
    const bool ok = *device && can_see(user_, **device);
    visible_.emplace(device_id, ok);
    return ok;
  }

  static std::string render(const LiveEvent& e) {
    switch (e.kind) {
      case LiveEvent::Kind::Online:
      case LiveEvent::Kind::Offline:
        return sse("status", json{{"deviceId", e.device_id},
                                  {"online", e.kind == LiveEvent::Kind::Online},
                                  {"ts", iso8601(e.ts)}});
      case LiveEvent::Kind::Activated:
        return sse("activated", json{{"deviceId", e.device_id}, {"ts", iso8601(e.ts)}});
      case LiveEvent::Kind::SessionEnded: return {};
      case LiveEvent::Kind::Timeline:
        return sse("timeline", json{{"deviceId", e.device_id},
                                    {"ts", iso8601(e.timeline.ts)},
                                    {"type", e.timeline.type},
                                    {"code", e.timeline.code},
                                    {"description", e.timeline.description}});
    }
    return {};
  }

  Context& ctx_;
  std::string bearer_;
  User user_;
  Id counted_user_;
  std::shared_ptr<EventFeed::Subscription> subscription_;
  std::unordered_map<Id, bool> visible_;
};

}  // namespace

HttpResponse event_stream(Context& ctx, const Route& route) {
  HttpResponse error;
  auto user = signed_in(ctx, route, error);
  if (!user) return error;
  if (ctx.hub.feed().listeners() >= kMaxListeners) {
    return json_error(503, "busy", "too many event streams are open; try again later");
  }
  if (!stream_counts().take(user->id)) {
    return json_error(429, "too_many_streams",
                      "this user has " + std::to_string(kMaxStreamsPerUser) + " event streams open already");
  }
  HttpResponse response{200,
                        "text/event-stream; charset=utf-8",
                        "retry: 3000\n\n" + sse("ready", json::object()),
                        {{"Cache-Control", "no-store"}, {"X-Accel-Buffering", "no"}}};
  response.stream = std::make_shared<DeviceEventStream>(ctx, route.request.authorization.substr(7), *user);
  spdlog::info("req={} event stream opened by user={}", route.request.request_id, user->id);
  return response;
}

}  // namespace onboard::cloud::api
