// One libpq connection of the PostgreSQL store: connects (and reconnects after a loss) by
// itself, prepares each distinct statement once per connection, maps failures to Error.
// Blocking: used on the store's own threads only, one thread at a time.
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "pg_error.hpp"
#include "pg_result.hpp"

namespace onboard::cloud::pg {

struct ConnectionSettings {
  std::string url;  // postgresql://user[:password]@host[:port]/db[?...] or key=value conninfo
  int connect_timeout_s = 5;
  int statement_timeout_ms = 10000;
  // After a failed connect, calls fail at once (unavailable) for this long instead of each
  // waiting for its own connect attempt: requests get their 503 quickly while the server is down.
  std::chrono::milliseconds reconnect_pause{200};
};

class Connection {
 public:
  explicit Connection(ConnectionSettings settings);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Connects unless connected; nullopt when connected.
  std::optional<Error> ensure_connected();
  bool connected() const;
  // Drops the connection (the next call reconnects).
  void reset();

  // A parameterised statement, prepared on its first use on this connection.
  Result exec(std::string_view sql, const Params& params = {});
  // SQL text with no parameters, possibly several statements (migrations, BEGIN, COMMIT).
  Result exec_script(const std::string& sql);

  // Runs body between BEGIN and COMMIT (ROLLBACK when it returns an error). A serialization
  // failure or deadlock runs it again (a few times); a connection found dead at BEGIN is
  // reconnected once, since nothing was sent yet. An error while committing is returned as
  // it is: the caller must not report success.
  // `begin` may name the isolation level ("BEGIN ISOLATION LEVEL SERIALIZABLE").
  // `attempts` 1: the body runs at most once (a serialization failure is returned).
  std::optional<Error> transaction(const std::function<std::optional<Error>(Connection&)>& body,
                                   const char* begin = "BEGIN", int attempts = 5);

  // How many times a connection was (re)established; for tests and metrics.
  long connects() const { return connects_; }

 private:
  Result fail_from(PGresult* result);
  Error lost(const std::string& what);
  Result run_prepared(const std::string& name, const Params& params);

  ConnectionSettings settings_;
  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // SQL -> statement name
  std::chrono::steady_clock::time_point next_attempt_{};
  std::string last_connect_error_;
  long connects_ = 0;
};

}  // namespace onboard::cloud::pg
