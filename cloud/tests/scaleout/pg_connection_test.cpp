// The PostgreSQL connection layer against a real server: binding, prepared statements,
// errors as kinds, and a connection that comes back by itself after the server restarts.
#include "postgres/pg_connection.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "postgres/pg_pool.hpp"
#include "support/postgres_server.hpp"

namespace onboard::cloud::pg {
namespace {

class PgConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server.start()) << server.error();
    ASSERT_EQ(server.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, name TEXT UNIQUE, note TEXT)"), "");
  }
  ConnectionSettings settings() const {
    ConnectionSettings s;
    s.url = server.url();
    s.reconnect_pause = std::chrono::milliseconds(0);
    return s;
  }
  test::PostgresServer server;
};

TEST_F(PgConnectionTest, BindsValuesAsTheyAreAndReadsThemBack) {
  Connection conn(settings());
  const std::string tricky = "it's \"quoted\" ; DROP TABLE items; -- \xc3\xa9\xe2\x82\xac";
  const std::int64_t big = std::numeric_limits<std::int64_t>::min();
  auto ins = conn.exec("INSERT INTO items (id, name, note) VALUES ($1, $2, $3)",
                       Params(big, tricky, std::optional<std::string>()));
  ASSERT_TRUE(ins) << ins.error().message;
  EXPECT_EQ(ins.affected(), 1);
  auto row = conn.exec("SELECT id, name, note FROM items WHERE name = $1", Params(tricky));
  ASSERT_TRUE(row) << row.error().message;
  ASSERT_EQ(row.rows(), 1);
  EXPECT_EQ(row.int64(0, 0), big);
  EXPECT_EQ(row.text(0, 1), tricky);
  EXPECT_TRUE(row.is_null(0, 2));
  EXPECT_EQ(row.opt_int64(0, 2), std::nullopt);
}

TEST_F(PgConnectionTest, PreparesEachStatementOncePerConnection) {
  Connection conn(settings());
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(
        conn.exec("INSERT INTO items (id, name) VALUES ($1, $2)", Params(i, "n" + std::to_string(i))));
  auto prepared = conn.exec("SELECT count(*) FROM pg_prepared_statements");
  ASSERT_TRUE(prepared);
  EXPECT_EQ(prepared.int64(0, 0), 2);  // the INSERT and this SELECT
}

TEST_F(PgConnectionTest, ReportsConstraintFailuresByKind) {
  Connection conn(settings());
  ASSERT_TRUE(conn.exec("INSERT INTO items (id, name) VALUES (1, 'a')"));
  auto dup = conn.exec("INSERT INTO items (id, name) VALUES (2, 'a')");
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().kind, ErrorKind::Conflict);
  EXPECT_EQ(dup.error().sqlstate, "23505");
  auto bad = conn.exec("SELECT no_such_column FROM items");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, ErrorKind::Internal);
  EXPECT_TRUE(conn.connected());  // an error in a statement keeps the connection
}

TEST_F(PgConnectionTest, RollsBackATransactionThatFailsAndCommitsOneThatDoesNot) {
  Connection conn(settings());
  auto failed = conn.transaction([](Connection& c) -> std::optional<Error> {
    if (auto r = c.exec("INSERT INTO items (id, name) VALUES (1, 'a')"); !r) return r.error();
    if (auto r = c.exec("INSERT INTO items (id, name) VALUES (2, 'a')"); !r) return r.error();
    return std::nullopt;
  });
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->kind, ErrorKind::Conflict);
  EXPECT_EQ(conn.exec("SELECT count(*) FROM items").int64(0, 0), 0);

  // A body that ignores its failed statement cannot have the rest committed.
  auto ignored = conn.transaction([](Connection& c) -> std::optional<Error> {
    c.exec("INSERT INTO items (id, name) VALUES (1, 'a')");
    c.exec("INSERT INTO items (id, name) VALUES (1, 'b')");
    return std::nullopt;
  });
  ASSERT_TRUE(ignored);
  EXPECT_EQ(conn.exec("SELECT count(*) FROM items").int64(0, 0), 0);

  EXPECT_FALSE(conn.transaction([](Connection& c) -> std::optional<Error> {
    if (auto r = c.exec("INSERT INTO items (id, name) VALUES (1, 'a')"); !r) return r.error();
    return std::nullopt;
  }));
  EXPECT_EQ(conn.exec("SELECT count(*) FROM items").int64(0, 0), 1);
}

TEST_F(PgConnectionTest, AnswersUnavailableWhileTheServerIsDownAndReconnectsAfter) {
  Connection conn(settings());
  ASSERT_TRUE(conn.exec("INSERT INTO items (id, name) VALUES (1, 'a')"));
  ASSERT_EQ(conn.connects(), 1);
  ASSERT_TRUE(server.stop());

  auto down = conn.exec("SELECT count(*) FROM items");
  ASSERT_FALSE(down);
  EXPECT_EQ(down.error().kind, ErrorKind::Unavailable) << down.error().message;
  auto still_down = conn.transaction([](Connection&) -> std::optional<Error> { return std::nullopt; });
  ASSERT_TRUE(still_down);
  EXPECT_EQ(still_down->kind, ErrorKind::Unavailable);

  ASSERT_TRUE(server.start()) << server.error();
  auto back = conn.exec("SELECT count(*) FROM items");
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back.int64(0, 0), 1);
  EXPECT_EQ(conn.connects(), 2);
}

TEST_F(PgConnectionTest, ATransactionOnAConnectionThatDiedWhileIdleRunsOnAFreshOne) {
  Connection conn(settings());
  ASSERT_TRUE(conn.exec("SELECT 1"));
  ASSERT_TRUE(server.restart()) << server.error();
  // The first use after the restart finds the old connection dead at BEGIN, where nothing
  // was sent yet: the transaction runs on a new connection instead of failing.
  EXPECT_FALSE(conn.transaction([](Connection& c) -> std::optional<Error> {
    if (auto r = c.exec("INSERT INTO items (id, name) VALUES (7, 'x')"); !r) return r.error();
    return std::nullopt;
  }));
  EXPECT_EQ(conn.exec("SELECT count(*) FROM items WHERE id = 7").int64(0, 0), 1);
}

TEST_F(PgConnectionTest, QueuedStatementsTravelWithTheNextOneInOneRoundTrip) {
  Connection conn(settings());
  ASSERT_TRUE(conn.exec("SELECT 1"));
  const long before = conn.round_trips();
  conn.begin_later("BEGIN");
  conn.defer("INSERT INTO items (id, name) VALUES ($1, $2)", Params(1, "a"));
  conn.defer("INSERT INTO items (id, name) VALUES ($1, $2)", Params(2, "b"));
  auto count = conn.exec("SELECT count(*) FROM items");
  ASSERT_TRUE(count) << count.error().message;
  EXPECT_EQ(count.int64(0, 0), 2);  // the queued inserts ran first, in the same transaction
  conn.defer("UPDATE items SET note = $1 WHERE id = $2", Params("n", 1));
  conn.defer_script("COMMIT");
  auto commit = conn.exec_queued();
  ASSERT_TRUE(commit) << commit.error().message;
  EXPECT_EQ(commit.tag(), "COMMIT");
  EXPECT_EQ(conn.round_trips() - before, 2);
  EXPECT_EQ(conn.exec("SELECT note FROM items WHERE id = 1").text(0, 0), "n");
}

TEST_F(PgConnectionTest, AQueuedStatementThatFailsIsTheAnswerAndStopsTheOnesAfterIt) {
  Connection conn(settings());
  ASSERT_TRUE(conn.exec("INSERT INTO items (id, name) VALUES (1, 'a')"));
  conn.set_owner(3);
  conn.defer("INSERT INTO items (id, name) VALUES ($1, $2)", Params(2, "a"));  // name taken
  conn.set_owner(4);
  conn.defer("INSERT INTO items (id, name) VALUES ($1, $2)", Params(3, "c"));
  auto read = conn.exec("SELECT count(*) FROM items");
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().kind, ErrorKind::Conflict);
  EXPECT_EQ(conn.failed_owner(), 3);
  EXPECT_FALSE(conn.failed_at_last());
  EXPECT_TRUE(conn.connected());
  EXPECT_EQ(conn.exec("SELECT count(*) FROM items").int64(0, 0), 1);
  // A statement prepared in a pipeline that failed before it is prepared again next time.
  conn.defer("SELECT no_such_column FROM items");
  auto bad = conn.exec("SELECT $1::int + 1", Params(1));
  ASSERT_FALSE(bad);
  EXPECT_FALSE(conn.failed_at_last());
  EXPECT_FALSE(conn.exec("SELECT no_such_column FROM items"));
  EXPECT_TRUE(conn.failed_at_last());
  auto again = conn.exec("SELECT $1::int + 1", Params(41));
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again.int64(0, 0), 42);
}

TEST_F(PgConnectionTest, AnEndSentWithoutWaitingIsReadByTheNextCall) {
  Connection conn(settings());
  conn.begin_later("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  ASSERT_TRUE(conn.exec("SELECT count(*) FROM items"));
  conn.finish_later("COMMIT");
  // Outside any transaction again: this insert commits by itself.
  ASSERT_TRUE(conn.exec("INSERT INTO items (id, name) VALUES (1, 'a')"));
  Connection other(settings());
  EXPECT_EQ(other.exec("SELECT count(*) FROM items").int64(0, 0), 1);
}

TEST_F(PgConnectionTest, AQueueOpeningATransactionRunsOnAFreshConnectionWhenTheOldOneDied) {
  Connection conn(settings());
  ASSERT_TRUE(conn.exec("SELECT 1"));
  ASSERT_TRUE(server.restart()) << server.error();
  conn.begin_later("BEGIN");
  conn.defer("INSERT INTO items (id, name) VALUES ($1, $2)", Params(7, "x"));
  auto read = conn.exec("SELECT count(*) FROM items");
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read.int64(0, 0), 1);
  conn.defer_script("COMMIT");
  ASSERT_TRUE(conn.exec_queued());
  EXPECT_EQ(conn.connects(), 2);
  EXPECT_EQ(conn.exec("SELECT count(*) FROM items WHERE id = 7").int64(0, 0), 1);
}

TEST_F(PgConnectionTest, APoolLendsEachConnectionToOneCallerAtATime) {
  Pool pool(settings(), 2);
  auto a = pool.borrow();
  auto b = pool.borrow();
  EXPECT_NE(&*a, &*b);
  ASSERT_TRUE(a->exec("SELECT 1"));
  ASSERT_TRUE(b->exec("SELECT 1"));
  auto pid_a = a->exec("SELECT pg_backend_pid()").int64(0, 0);
  auto pid_b = b->exec("SELECT pg_backend_pid()").int64(0, 0);
  EXPECT_NE(pid_a, pid_b);
}

}  // namespace
}  // namespace onboard::cloud::pg
