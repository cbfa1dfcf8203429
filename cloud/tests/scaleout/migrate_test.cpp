// `onboard-cloud migrate`: a SQLite data directory with a user, a template and an activated
// device, copied into a real PostgreSQL; a second run refuses instead of doubling rows.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>

#include "support/blynk_client.hpp"
#include "support/http_client.hpp"
#include "support/postgres_server.hpp"
#include "support/server_process.hpp"

namespace onboard::cloud::test {
namespace {

int run_migrate(const std::string& from, const std::string& url, const std::string& log) {
  const std::string cmd = std::string(ONBOARD_CLOUD_BIN) + " migrate --from " + from + " --db-url '" + url +
                          "' >" + log + " 2>&1";
  const int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

// True when the SQL (a DO block raising on a mismatch) runs without error.
::testing::AssertionResult holds(PostgresServer& pg, const std::string& condition) {
  const auto error = pg.execute("DO $$ BEGIN IF NOT (" + condition + ") THEN RAISE 'no'; END IF; END $$");
  if (error.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << condition << ": " << error;
}

TEST(Migrate, CopiesEveryRecordOfASqliteDataDirectoryOnce) {
  PostgresServer pg;
  ASSERT_TRUE(pg.start()) << pg.error();

  ServerProcess sqlite;
  ASSERT_EQ(sqlite.add_user("admin@example.com", "admin-password", "admin"), 0);
  ASSERT_TRUE(sqlite.start()) << sqlite.log();
  HttpClient api{sqlite.plain(), false, {}};
  auto login = api.post("/api/v1/login", {{"email", "admin@example.com"}, {"password", "admin-password"}});
  ASSERT_EQ(login.status, 200) << login.body;
  api.bearer = login.json()["token"];
  auto templ = api.post("/api/v1/templates", {{"name", "Lamp"}});
  ASSERT_EQ(templ.status, 201);
  const std::string template_id = templ.json()["id"];
  auto session = api.post("/api/v1/provisioning", {{"templateId", template_id}});
  ASSERT_EQ(session.status, 201);
  const std::string device_token = session.json()["token"];
  {
    BlynkClient device;
    ASSERT_TRUE(device.connect(sqlite.plain(), false));
    ASSERT_EQ(device.login(device_token), 200);
    const auto id = device.send_info({{"h-beat", "45"}, {"tmpl", template_id}, {"fw", "1.0.0"}});
    ASSERT_EQ(device.wait_response(id), 200);
  }
  ASSERT_EQ(sqlite.stop(), 0);

  const std::string log = sqlite.data_dir() + "/migrate.log";
  ASSERT_EQ(run_migrate(sqlite.data_dir(), pg.url(), log), 0);
  EXPECT_TRUE(holds(pg, "(SELECT count(*) FROM users WHERE email = 'admin@example.com') = 1"));
  EXPECT_TRUE(holds(pg, "(SELECT count(*) FROM templates WHERE name = 'Lamp') = 1"));
  EXPECT_TRUE(holds(pg, "(SELECT count(*) FROM devices WHERE name = 'Lamp' AND firmware = '1.0.0') = 1"));
  EXPECT_TRUE(holds(pg, "(SELECT state FROM provisioning_sessions) = 'activated'"));
  EXPECT_TRUE(holds(pg, "(SELECT count(*) FROM timeline_events) >= 1"));
  // New rows are numbered after the copied ones.
  EXPECT_EQ(pg.execute("INSERT INTO orgs (name) VALUES ('Second')"), "");
  EXPECT_TRUE(holds(pg, "(SELECT id FROM orgs WHERE name = 'Second') > (SELECT max(org_id) FROM users)"));

  EXPECT_EQ(run_migrate(sqlite.data_dir(), pg.url(), log), 1);
  EXPECT_TRUE(holds(pg, "(SELECT count(*) FROM devices) = 1"));

  // A node on PostgreSQL now: the same password signs in, the same device token logs in.
  ServerProcess node;
  ASSERT_TRUE(node.start({"--store", "postgres", "--db-url", pg.url()})) << node.log();
  HttpClient moved{node.plain(), false, {}};
  EXPECT_EQ(
      moved.post("/api/v1/login", {{"email", "admin@example.com"}, {"password", "admin-password"}}).status,
      200);
  BlynkClient device;
  ASSERT_TRUE(device.connect(node.plain(), false));
  EXPECT_EQ(device.login(device_token), 200);
}

TEST(Migrate, RefusesAMissingDataDirectoryAndAnUnreachableDatabase) {
  PostgresServer pg;
  ASSERT_TRUE(pg.start()) << pg.error();
  ServerProcess sqlite;
  ASSERT_EQ(sqlite.add_user("admin@example.com", "admin-password", "admin"), 0);
  const std::string log = sqlite.data_dir() + "/migrate.log";
  EXPECT_EQ(run_migrate(sqlite.data_dir() + "/missing", pg.url(), log), 1);
  ASSERT_TRUE(pg.stop());
  EXPECT_EQ(run_migrate(sqlite.data_dir(), pg.url(), log), 1);
}

}  // namespace
}  // namespace onboard::cloud::test
