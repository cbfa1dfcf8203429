// The test harness itself: real PostgreSQL and Redis servers start, answer, restart on the
// same address and leave nothing behind.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <filesystem>

#include "support/postgres_server.hpp"
#include "support/redis_server.hpp"

namespace onboard::cloud::test {
namespace {

TEST(PostgresServer, AcceptsConnectionsOverTcpAndTheUnixSocket) {
  PostgresServer pg;
  ASSERT_TRUE(pg.start()) << pg.error();
  EXPECT_EQ(PQping(pg.url().c_str()), PQPING_OK);
  EXPECT_EQ(PQping(pg.socket_url().c_str()), PQPING_OK);
  EXPECT_EQ(pg.execute("CREATE TABLE t (x INT); INSERT INTO t VALUES (1)"), "");
  EXPECT_NE(pg.execute("SELECT * FROM missing_table"), "");
}

TEST(PostgresServer, KeepsCommittedRowsAndItsPortOverARestart) {
  PostgresServer pg;
  ASSERT_TRUE(pg.start()) << pg.error();
  ASSERT_EQ(pg.execute("CREATE TABLE t (x INT); INSERT INTO t VALUES (42)"), "");
  const int port = pg.port();
  ASSERT_TRUE(pg.stop());
  EXPECT_NE(PQping(pg.url().c_str()), PQPING_OK);
  ASSERT_TRUE(pg.start()) << pg.error();
  EXPECT_EQ(pg.port(), port);
  EXPECT_EQ(pg.execute("DO $$ BEGIN IF (SELECT x FROM t) <> 42 THEN RAISE 'lost'; END IF; END $$"), "");
}

TEST(PostgresServer, RunsAsAnUnprivilegedUserAndRemovesItsDirectory) {
  std::string dir;
  {
    PostgresServer pg;
    ASSERT_TRUE(pg.start()) << pg.error();
    dir = pg.directory();
    ASSERT_TRUE(std::filesystem::exists(dir + "/data/PG_VERSION"));
    // PostgreSQL refuses root, so a running server already proves it; its superuser is "onboard".
    EXPECT_EQ(pg.execute("DO $$ BEGIN IF current_user <> 'onboard' THEN RAISE 'who'; END IF; END $$"), "");
    EXPECT_TRUE(pg.create_database("second"));
    EXPECT_EQ(PQping(pg.url("second").c_str()), PQPING_OK);
  }
  EXPECT_FALSE(std::filesystem::exists(dir));
}

TEST(RedisServer, AnswersAndRestartsOnTheSamePort) {
  RedisServer redis;
  ASSERT_TRUE(redis.start()) << redis.error();
  EXPECT_EQ(redis_command(redis.port(), "SET k v"), "+OK");
  EXPECT_EQ(redis_command(redis.port(), "GET k"), "$1");
  const int port = redis.port();
  ASSERT_TRUE(redis.stop(true));
  EXPECT_EQ(redis_command(port, "PING"), "");
  ASSERT_TRUE(redis.start()) << redis.error();
  EXPECT_EQ(redis.port(), port);
  // Nothing is persisted: what must survive lives in PostgreSQL.
  EXPECT_EQ(redis_command(redis.port(), "GET k"), "$-1");
}

}  // namespace
}  // namespace onboard::cloud::test
