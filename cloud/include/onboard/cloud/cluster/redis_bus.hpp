// What one cloud node tells another, through Redis pub/sub: each node listens on its own
// channel and on one for all; a message to a node that is not listening fails at once.
// Pub/sub rather than streams: these messages matter only now (a command for a device that
// a dead node held must fail with 503, not run later), and PUBLISH counts its listeners.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

struct redisContext;

namespace onboard::cloud {

struct RedisAddress {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::string password;  // redis://:secret@host:port
  int database = 0;      // redis://host:port/2
};
// redis://[:password@]host[:port][/db]; nullopt when malformed.
std::optional<RedisAddress> parse_redis_url(const std::string& url);

// One blocking connection with a timeout, reconnected on the next call after a failure.
// Thread-safe (one call at a time).
class RedisConnection {
 public:
  explicit RedisConnection(RedisAddress address, std::chrono::milliseconds timeout = std::chrono::seconds(1));
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  struct Reply {
    bool ok = false;        // false: Redis could not be reached (error says why) or answered an error
    bool nil = false;       // a nil bulk reply
    long long integer = 0;  // integer replies
    std::string text;       // status, bulk string, or the error
  };
  // argv-style command (binary-safe arguments).
  Reply command(std::initializer_list<std::string_view> args);
  // A command over many keys whose reply is an array of bulk strings or nils (MGET).
  // nullopt: Redis could not be reached or answered an error.
  std::optional<std::vector<std::optional<std::string>>> command_many(std::string_view name,
                                                                      const std::vector<std::string>& args);

 private:
  bool connect_locked(std::string& error);
  RedisAddress address_;
  std::chrono::milliseconds timeout_;
  std::mutex mutex_;
  redisContext* ctx_ = nullptr;
};

class RedisBus {
 public:
  using Handler = std::function<void(const std::string& payload)>;
  // Called with true once listening (again), false when the subscription was lost.
  using StateHandler = std::function<void(bool listening)>;

  RedisBus(RedisAddress address, std::string node_id, Handler on_message, StateHandler on_state = {});
  ~RedisBus();
  RedisBus(const RedisBus&) = delete;
  RedisBus& operator=(const RedisBus&) = delete;

  // Starts the listening thread; it reconnects by itself until stop().
  void start();
  void stop();

  enum class Delivery { Delivered, NoListener, Unavailable };
  // To one node (its channel) or every node (node empty).
  Delivery send(const std::string& node, const std::string& payload);
  bool listening() const { return listening_; }
  const std::string& node_id() const { return node_id_; }
  // The keys and channels of this cluster start with this.
  static std::string channel_of(const std::string& node);

  RedisConnection& connection() { return publisher_; }

 private:
  void listen_loop();

  RedisAddress address_;
  std::string node_id_;
  Handler on_message_;
  StateHandler on_state_;
  RedisConnection publisher_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> listening_{false};
  std::thread listener_;
};

}  // namespace onboard::cloud
