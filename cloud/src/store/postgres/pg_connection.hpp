// One libpq connection of the PostgreSQL store: connects (and reconnects after a loss) by
// itself, prepares each distinct statement once per connection, maps failures to Error.
// Statements whose rows nobody reads can be queued (defer): they travel with the next
// statement that needs its answer, in one round trip (libpq pipeline mode), since on this
// machine a round trip (two context switches each side) costs more than the statement.
// Blocking: used on the store's own threads only, one thread at a time.
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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

  // A parameterised statement, prepared on its first use on this connection. Whatever was
  // queued goes first, in the same round trip; if a queued statement fails, its error is the
  // answer (the statements after it did not run).
  Result exec(std::string_view sql, const Params& params = {});

  // Queues a parameterised statement (prepared) or a one-statement script (BEGIN, SAVEPOINT)
  // for the next round trip; its failure is the answer of that round trip's exec or flush.
  // A queue that starts with begin_later() is sent again on a fresh connection when the
  // connection turns out dead (nothing of that transaction reached the server).
  void defer(std::string_view sql, const Params& params = {});
  void defer_script(std::string_view sql);
  void begin_later(std::string_view begin_sql);
  // Sends what is queued and waits for it; the first error.
  std::optional<Error> flush();
  // The same, answering the last queued statement's result (a COMMIT's tag).
  Result exec_queued();
  // Sends what is queued and `sql` without waiting: their outcome is read (and dropped) by the
  // next call. For ending a read-only transaction, whose rows were all read already.
  void finish_later(std::string_view sql);
  // Queued, not sent yet.
  std::size_t queued() const { return queue_.size(); }
  // Drops the queued statements from `index` on (the work they belonged to failed before
  // they were sent).
  void drop_queued(std::size_t from);
  // Which queued statements belong to whom (the group commit's writes): statements take the
  // owner set when they are queued; a failed round trip names the owner of the statement that failed.
  void set_owner(int owner) { owner_ = owner; }
  int failed_owner() const { return failed_owner_; }
  // The last round trip failed at its last statement (not at one queued before it).
  bool failed_at_last() const { return failed_at_last_; }
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
  // Round trips to the server (waits for an answer) and statements sent, over the whole
  // process: what an activation costs (bench/README.md).
  static long round_trips_total();
  static long statements_total();
  long round_trips() const { return round_trips_; }

 private:
  struct Queued {
    std::string sql;
    Params params;
    bool prepared;  // false: a script sent as it is (no parameters)
    int owner;
  };
  Result fail_from(PGresult* result);
  Error lost(const std::string& what);
  // Sends the queue as one pipeline and empties it; with wait, the answer of its last
  // statement or the first error (without, the answers are read by the next call).
  Result send_queue(bool wait);
  Result send_once(bool wait);
  // Reads (and drops) the outcome of a finish_later().
  void drain();

  ConnectionSettings settings_;
  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // SQL -> statement name
  std::vector<Queued> queue_;
  bool queue_begins_ = false;  // the queue opens a transaction: safe to send again after a loss
  int owner_ = 0;
  int failed_owner_ = -1;
  bool failed_at_last_ = false;
  int unread_ = 0;  // commands of a finish_later() whose answers are still to be read
  long round_trips_ = 0;
  long statement_names_ = 0;
  std::chrono::steady_clock::time_point next_attempt_{};
  std::string last_connect_error_;
  long connects_ = 0;
};

}  // namespace onboard::cloud::pg
