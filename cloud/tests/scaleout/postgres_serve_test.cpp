// onboard-cloud serve --store postgres against a real PostgreSQL that is restarted under
// it: requests answer 503 with a reason meanwhile, the node reconnects by itself, and
// nothing acknowledged is lost (what was stored before, and a device's values sent
// while the database was away).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>

#include "onboard/test/waits.hpp"
#include "support/blynk_client.hpp"
#include "support/http_client.hpp"
#include "support/postgres_server.hpp"
#include "support/server_process.hpp"

namespace onboard::cloud::test {
namespace {

using namespace std::chrono_literals;

int add_user(const ServerProcess& node, const std::string& url) {
  const std::string cmd = std::string(ONBOARD_CLOUD_BIN) + " user add --data-dir " + node.data_dir() +
                          " --store postgres --db-url '" + url +
                          "' --email admin@example.com --password admin-password --role admin --org Acme"
                          " >/dev/null 2>&1";
  const int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

class PostgresServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(pg.start()) << pg.error();
    ASSERT_EQ(add_user(node, pg.url()), 0);
    ASSERT_TRUE(node.start({"--store", "postgres", "--db-url", pg.url()})) << node.log();
    api = HttpClient{node.plain(), false, {}};
    auto login = api.post("/api/v1/login", {{"email", "admin@example.com"}, {"password", "admin-password"}});
    ASSERT_EQ(login.status, 200) << login.body;
    api.bearer = login.json()["token"];
    auto t = api.post("/api/v1/templates", {{"name", "Lamp"}});
    ASSERT_EQ(t.status, 201) << t.body;
    template_id = t.json()["id"];
  }

  // A provisioned, activated, online device.
  std::pair<std::unique_ptr<BlynkClient>, std::string> device() {
    auto s = api.post("/api/v1/provisioning", {{"templateId", template_id}});
    EXPECT_EQ(s.status, 201) << s.body;
    const std::string token = s.json().value("token", "");
    auto d = std::make_unique<BlynkClient>();
    EXPECT_TRUE(d->connect(node.plain(), false));
    EXPECT_EQ(d->login(token), 200);
    const auto id = d->send_info({{"h-beat", "45"}, {"tmpl", template_id}, {"fw", "1.0.0"}});
    EXPECT_EQ(d->wait_response(id), 200);
    return {std::move(d), token};
  }

  PostgresServer pg;
  ServerProcess node;
  HttpClient api;
  std::string template_id;
};

TEST_F(PostgresServeTest, ServesAccountsTemplatesAndDevicesFromPostgres) {
  auto [d, token] = device();
  auto devices = api.get("/api/v1/devices");
  ASSERT_EQ(devices.status, 200) << devices.body;
  ASSERT_EQ(devices.json().size(), 1u);
  EXPECT_EQ(devices.json()[0]["name"], "Lamp");
  EXPECT_EQ(devices.json()[0]["online"], true);
  // The rows are PostgreSQL's, not a SQLite file's.
  EXPECT_EQ(pg.execute("DO $$ BEGIN IF (SELECT count(*) FROM devices) <> 1 THEN RAISE 'no'; END IF; END $$"),
            "");
}

TEST_F(PostgresServeTest, ARestartedDatabaseGives503MeanwhileAndTheNodeRecoversByItself) {
  auto [d, token] = device();
  ASSERT_TRUE(pg.stop());

  auto during = api.get("/api/v1/templates");
  EXPECT_EQ(during.status, 503) << during.body;
  EXPECT_FALSE(during.json().value("reason", "").empty()) << during.body;
  auto created = api.post("/api/v1/templates", {{"name", "Fan"}});
  EXPECT_EQ(created.status, 503) << created.body;
  EXPECT_TRUE(onboard::test::eventually([&] { return api.get("/healthz").status == 503; }, 10s));
  // A value the device sends meanwhile is kept for the next flush.
  d->send(blynk::Command::Hardware, vw(1, "42"));

  ASSERT_TRUE(pg.start()) << pg.error();
  EXPECT_TRUE(onboard::test::eventually([&] { return api.get("/api/v1/templates").status == 200; }, 15s))
      << node.log();
  EXPECT_TRUE(onboard::test::eventually([&] { return api.get("/healthz").status == 200; }, 15s));
  auto templates = api.get("/api/v1/templates").json();
  ASSERT_EQ(templates.size(), 1u);  // the Fan that got a 503 was not stored
  EXPECT_EQ(templates[0]["name"], "Lamp");
  EXPECT_TRUE(onboard::test::eventually(
      [&] {
        return api.get("/external/api/get?token=" + token + "&V1").body.find("42") != std::string::npos;
      },
      15s));
  EXPECT_TRUE(onboard::test::eventually(
      [&] {
        return pg
            .execute(
                "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pin_values WHERE pin = 'V1' AND value = '42') "
                "THEN RAISE 'no'; END IF; END $$")
            .empty();
      },
      15s));
  // And new work goes through without a restart of the node.
  auto [second, second_token] = device();
  EXPECT_EQ(api.get("/api/v1/devices").json().size(), 2u);
}

// The same two settings from the TOML file instead of flags.
TEST(PostgresServeConfig, TakesTheStoreAndItsUrlFromTheConfigFile) {
  PostgresServer pg;
  ASSERT_TRUE(pg.start()) << pg.error();
  ServerProcess node;
  ASSERT_EQ(add_user(node, pg.url()), 0);
  const std::string config = node.data_dir() + "/cloud.toml";
  std::ofstream(config) << "store = \"postgres\"\ndb-url = \"" << pg.url() << "\"\n";
  ASSERT_TRUE(node.start({"--config", config})) << node.log();
  HttpClient api{node.plain(), false, {}};
  // The user exists only in PostgreSQL: signing in proves where the node reads.
  EXPECT_EQ(
      api.post("/api/v1/login", {{"email", "admin@example.com"}, {"password", "admin-password"}}).status,
      200);
}

}  // namespace
}  // namespace onboard::cloud::test
