// Two onboard-cloud nodes sharing a real PostgreSQL and a real Redis: a device connected to
// node A is provisioned, activated, updated, reconfigured and deleted through node B's REST;
// a login on B drops A's connection; a node killed leaves no device online past
// --node-alive-ms; a drop for an older login elsewhere keeps the newer connection; with Redis stopped each
// node serves its own devices and cross-node commands answer 503 until it returns; a restarted PostgreSQL is
// recovered by both nodes.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>

#include "onboard/test/waits.hpp"
#include "support/blynk_client.hpp"
#include "support/http_client.hpp"
#include "support/postgres_server.hpp"
#include "support/redis_server.hpp"
#include "support/server_process.hpp"

namespace onboard::cloud::test {
namespace {

using namespace std::chrono_literals;
using blynk::Command;

class ClusterNodes : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(pg.start()) << pg.error();
    ASSERT_TRUE(redis.start()) << redis.error();
    const std::string cmd = std::string(ONBOARD_CLOUD_BIN) + " user add --data-dir " + a.data_dir() +
                            " --store postgres --db-url '" + pg.url() +
                            "' --email admin@example.com --password admin-password --role admin --org Acme"
                            " >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    ASSERT_TRUE(a.start(flags("a"))) << a.log();
    ASSERT_TRUE(b.start(flags("b"))) << b.log();
    api_a = HttpClient{a.plain(), false, {}};
    api_b = HttpClient{b.plain(), false, {}};
    auto login =
        api_b.post("/api/v1/login", {{"email", "admin@example.com"}, {"password", "admin-password"}});
    ASSERT_EQ(login.status, 200) << login.body;
    api_a.bearer = api_b.bearer = login.json()["token"];
    auto t = api_b.post("/api/v1/templates", {{"name", "Lamp"}});
    ASSERT_EQ(t.status, 201) << t.body;
    template_id = t.json()["id"];
  }

  std::vector<std::string> flags(const std::string& node) const {
    return {"--store",     "postgres",  "--db-url",        pg.url(), "--node-id",      node,
            "--redis-url", redis.url(), "--node-alive-ms", "1500",   "--pin-flush-ms", "100"};
  }

  struct Provisioned {
    long id = 0;
    std::string token;
  };
  Provisioned provision(const HttpClient& api) {
    auto s = api.post("/api/v1/provisioning", {{"templateId", template_id}});
    EXPECT_EQ(s.status, 201) << s.body;
    return {s.json().value("id", 0L), s.json().value("token", "")};
  }
  // A device that logs in on `node` with the token (activating it the first time).
  std::unique_ptr<BlynkClient> device_on(const ServerProcess& node, const std::string& token) {
    auto d = std::make_unique<BlynkClient>();
    EXPECT_TRUE(d->connect(node.plain(), false));
    EXPECT_EQ(d->login(token), 200);
    EXPECT_EQ(d->wait_response(d->send_info({{"h-beat", "45"}, {"tmpl", template_id}, {"buff-in", "1024"}})),
              200);
    return d;
  }
  long device_id(const HttpClient& api, long session) {
    return api.get("/api/v1/provisioning/" + std::to_string(session)).json().value("deviceId", 0L);
  }
  bool online(const HttpClient& api, long device) {
    return api.get("/api/v1/devices/" + std::to_string(device)).json().value("online", false);
  }
  // The next frame of this command, skipping others (pings' answers and the like).
  static std::optional<ReceivedFrame> next(BlynkClient& d, Command command) {
    for (int i = 0; i < 10; ++i) {
      auto f = d.read();
      if (!f) return std::nullopt;
      if (f->command == command) return f;
    }
    return std::nullopt;
  }

  PostgresServer pg;
  RedisServer redis;
  ServerProcess a;
  ServerProcess b;
  HttpClient api_a;
  HttpClient api_b;
  std::string template_id;
};

TEST_F(ClusterNodes, ADeviceOnNodeAIsProvisionedActivatedUpdatedReconfiguredAndDeletedThroughNodeB) {
  auto p = provision(api_b);
  auto d = device_on(a, p.token);
  ASSERT_EQ(api_b.get("/api/v1/provisioning/" + std::to_string(p.id)).json()["state"], "activated");
  const long id = device_id(api_b, p.id);
  ASSERT_NE(id, 0);
  // Both nodes say online; the list (asked for many at once) too.
  EXPECT_TRUE(onboard::test::eventually([&] { return online(api_b, id); }, 5s));
  EXPECT_TRUE(online(api_a, id));
  EXPECT_EQ(api_b.get("/api/v1/devices").json()[0]["online"], true);
  EXPECT_EQ(api_b.get("/external/api/isHardwareConnected?token=" + p.token).body, "true");

  // HTTP update on B reaches the device on A, and B reads the value back.
  auto update = api_b.get("/external/api/update?token=" + p.token + "&V3=hello");
  ASSERT_EQ(update.status, 200) << update.body;
  auto hw = next(*d, Command::Hardware);
  ASSERT_TRUE(hw);
  EXPECT_EQ(hw->fields(), (std::vector<std::string>{"vw", "3", "hello"}));
  EXPECT_EQ(api_b.get("/external/api/get?token=" + p.token + "&V3").body, "hello");
  // A value the device sends on A is read on B once A has flushed it.
  d->send(Command::Hardware, vw(4, "from-a"));
  EXPECT_TRUE(onboard::test::eventually(
      [&] { return api_b.get("/external/api/get?token=" + p.token + "&V4").body == "from-a"; }, 5s));
  // and sync on A sees what B wrote.
  d->send(Command::HardwareSync, {"vr", "3"});
  auto synced = next(*d, Command::Hardware);
  ASSERT_TRUE(synced);
  EXPECT_EQ(synced->fields(), (std::vector<std::string>{"vw", "3", "hello"}));

  // Reconfigure on B: the device on A is told to open its AP.
  auto r = api_b.post("/api/v1/devices/" + std::to_string(id) + "/reconfigure", nlohmann::json::object());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_TRUE(r.json()["deviceNotified"].get<bool>());
  auto told = next(*d, Command::Internal);
  ASSERT_TRUE(told);
  EXPECT_EQ(told->fields(), (std::vector<std::string>{"dbg", "config start"}));

  // Delete on B closes the connection on A.
  auto removed = api_b.request("DELETE", "/api/v1/devices/" + std::to_string(id));
  ASSERT_EQ(removed.status, 204) << removed.body;
  EXPECT_TRUE(d->wait_closed(5s));
}

TEST_F(ClusterNodes, ALoginOnAnotherNodeDropsTheFirstConnectionAndOnlineFollows) {
  auto p = provision(api_a);
  auto first = device_on(a, p.token);
  const long id = device_id(api_a, p.id);
  ASSERT_TRUE(onboard::test::eventually([&] { return online(api_b, id); }, 5s));
  auto second = device_on(b, p.token);
  EXPECT_TRUE(first->wait_closed(5s));
  // Commands now reach the connection on B, from either node.
  ASSERT_EQ(api_a.get("/external/api/update?token=" + p.token + "&V1=2").status, 200);
  auto hw = next(*second, Command::Hardware);
  ASSERT_TRUE(hw);
  EXPECT_EQ(hw->fields(), (std::vector<std::string>{"vw", "1", "2"}));
  EXPECT_TRUE(online(api_a, id));
  // Closed on B: offline on both, with a last-seen.
  second->connection().close();
  EXPECT_TRUE(onboard::test::eventually([&] { return !online(api_a, id) && !online(api_b, id); }, 5s));
  EXPECT_TRUE(onboard::test::eventually(
      [&] { return !api_a.get("/api/v1/devices/" + std::to_string(id)).json()["lastSeen"].is_null(); }, 5s));
}

// The drop a login on another node sends races the device's next login: node A's claim for
// an older login may reach Redis after B's newer one, and its drop then reaches B. Such a drop
// carries the older login's time: B keeps its newer connection and claims the device back
// (so A would drop its stale one); a drop for a login newer than B's still closes it.
TEST_F(ClusterNodes, ADropForAnOlderLoginElsewhereKeepsTheNewerConnectionAndItsClaim) {
  auto p = provision(api_b);
  auto d = device_on(b, p.token);
  const long id = device_id(api_b, p.id);
  const std::string key = "onboard:device:" + std::to_string(id);
  // The node Redis names for the device, as a status reply ("+b").
  auto holder = [&] {
    return redis_command(redis.port(), "EVAL \"return {ok=redis.call('GET', KEYS[1]) or ''}\" 1 " + key);
  };
  ASSERT_TRUE(onboard::test::eventually([&] { return holder() == "+b"; }, 5s)) << holder();
  const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  auto drop_from_a = [&](long long login_ms) {
    const std::string message = R"({"t":"cmd","id":0,"from":"a","device":)" + std::to_string(id) +
                                R"(,"kind":"drop","body":"replaced by a login on node a","login":)" +
                                std::to_string(login_ms) + "}";
    return redis_command(redis.port(), "PUBLISH onboard:node:b '" + message + "'");
  };
  // A's late claim for a login a minute old took the key, then its drop arrives.
  ASSERT_EQ(redis_command(redis.port(), "SET " + key + " a"), "+OK");
  ASSERT_EQ(drop_from_a(now_ms - 60'000), ":1");
  EXPECT_TRUE(onboard::test::eventually([&] { return holder() == "+b"; }, 5s)) << holder();
  ASSERT_EQ(api_a.get("/external/api/update?token=" + p.token + "&V1=7").status, 200);
  auto hw = next(*d, Command::Hardware);
  ASSERT_TRUE(hw);
  EXPECT_EQ(hw->fields(), (std::vector<std::string>{"vw", "1", "7"}));
  // A login on A after B's: the connection on B goes.
  ASSERT_EQ(drop_from_a(now_ms + 60'000), ":1");
  EXPECT_TRUE(d->wait_closed(5s));
}

TEST_F(ClusterNodes, AKilledNodesDevicesShowOfflineWithinTheAliveTime) {
  auto p = provision(api_b);
  auto d = device_on(a, p.token);
  const long id = device_id(api_b, p.id);
  ASSERT_TRUE(onboard::test::eventually([&] { return online(api_b, id); }, 5s));
  ASSERT_EQ(a.stop(true), -SIGKILL);
  // --node-alive-ms 1500: offline on B soon after (a deadline, not a measurement).
  EXPECT_TRUE(onboard::test::eventually([&] { return !online(api_b, id); }, 6s));
  // A command for it now: not connected anywhere (stored, 200), not a hang.
  EXPECT_EQ(api_b.get("/external/api/update?token=" + p.token + "&V1=1").status, 200);
  // It reconnects to B and is online again.
  auto again = device_on(b, p.token);
  EXPECT_TRUE(onboard::test::eventually([&] { return online(api_b, id); }, 5s));
}

TEST_F(ClusterNodes, WithRedisStoppedNodesServeTheirOwnDevicesAndCrossNodeCommandsAnswer503) {
  auto pa = provision(api_b);
  auto da = device_on(a, pa.token);
  auto pb = provision(api_b);
  auto db = device_on(b, pb.token);
  const long ida = device_id(api_b, pa.id);
  ASSERT_TRUE(onboard::test::eventually([&] { return online(api_b, ida); }, 5s));

  ASSERT_TRUE(redis.stop());
  // B's own device: served as before.
  ASSERT_EQ(api_b.get("/external/api/update?token=" + pb.token + "&V1=own").status, 200);
  auto own = next(*db, Command::Hardware);
  ASSERT_TRUE(own);
  EXPECT_EQ(own->fields(), (std::vector<std::string>{"vw", "1", "own"}));
  // A's device through B: a clear 503 (the value itself is stored).
  auto cross = api_b.get("/external/api/update?token=" + pa.token + "&V1=cross");
  EXPECT_EQ(cross.status, 503) << cross.body;
  EXPECT_NE(cross.body.find("Redis"), std::string::npos) << cross.body;
  auto reconf =
      api_b.post("/api/v1/devices/" + std::to_string(ida) + "/reconfigure", nlohmann::json::object());
  EXPECT_EQ(reconf.status, 503) << reconf.body;
  // The devices themselves keep working on their nodes.
  EXPECT_EQ(da->wait_response(da->send(Command::Ping, {})), 200);

  // Redis back (empty: no persistence): the nodes claim their devices again by themselves.
  ASSERT_TRUE(redis.start()) << redis.error();
  ASSERT_TRUE(onboard::test::eventually([&] { return online(api_b, ida); }, 10s)) << a.log();
  ASSERT_EQ(api_b.get("/external/api/update?token=" + pa.token + "&V1=again").status, 200);
  auto again = next(*da, Command::Hardware);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->fields(), (std::vector<std::string>{"vw", "1", "again"}));
}

TEST_F(ClusterNodes, BothNodesRecoverFromARestartedDatabaseWithoutARestart) {
  auto p = provision(api_b);
  auto d = device_on(a, p.token);
  ASSERT_TRUE(pg.restart()) << pg.error();
  for (auto* api : {&api_a, &api_b}) {
    EXPECT_TRUE(onboard::test::eventually([&] { return api->get("/api/v1/templates").status == 200; }, 15s));
    EXPECT_TRUE(onboard::test::eventually([&] { return api->get("/healthz").status == 200; }, 15s));
  }
  // New work through both, and a cross-node command, after the restart.
  auto p2 = provision(api_a);
  auto d2 = device_on(b, p2.token);
  ASSERT_EQ(api_a.get("/external/api/update?token=" + p2.token + "&V2=after").status, 200);
  auto hw = next(*d2, Command::Hardware);
  ASSERT_TRUE(hw);
  EXPECT_EQ(hw->fields(), (std::vector<std::string>{"vw", "2", "after"}));
}

}  // namespace
}  // namespace onboard::cloud::test
