// Schema migrations on a real server: from empty to the newest version, idempotent, and
// several nodes migrating the same database at once apply each step exactly once.
#include "postgres/pg_schema.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "support/postgres_server.hpp"

namespace onboard::cloud::pg {
namespace {

ConnectionSettings settings_for(const test::PostgresServer& server) {
  ConnectionSettings s;
  s.url = server.url();
  return s;
}

TEST(PgSchema, MigratesAnEmptyDatabaseToTheNewestVersionOnce) {
  test::PostgresServer server;
  ASSERT_TRUE(server.start()) << server.error();
  Connection conn(settings_for(server));
  std::optional<Error> error;
  EXPECT_EQ(schema_version(conn, error), 0);
  ASSERT_FALSE(error);
  ASSERT_FALSE(migrate(conn));
  EXPECT_EQ(schema_version(conn, error), latest_schema_version());
  ASSERT_FALSE(migrate(conn));  // nothing left to do
  auto steps = conn.exec("SELECT count(*) FROM onboard_schema");
  ASSERT_TRUE(steps);
  EXPECT_EQ(steps.int64(0, 0), latest_schema_version());
  EXPECT_TRUE(conn.exec("SELECT id, name, token_hash, previous_token_hash FROM devices"));
}

TEST(PgSchema, NodesStartingTogetherApplyEachStepOnce) {
  test::PostgresServer server;
  ASSERT_TRUE(server.start()) << server.error();
  std::vector<std::optional<Error>> results(4);
  std::vector<std::thread> nodes;
  for (auto& result : results)
    nodes.emplace_back([&] {
      Connection conn(settings_for(server));
      result = migrate(conn);
    });
  for (auto& t : nodes) t.join();
  for (const auto& r : results) EXPECT_FALSE(r) << r->message;
  Connection conn(settings_for(server));
  auto steps = conn.exec("SELECT count(*), count(DISTINCT version) FROM onboard_schema");
  ASSERT_TRUE(steps);
  EXPECT_EQ(steps.int64(0, 0), latest_schema_version());
  EXPECT_EQ(steps.int64(0, 1), latest_schema_version());
}

}  // namespace
}  // namespace onboard::cloud::pg
