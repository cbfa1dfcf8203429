// Three nodes behind a real HAProxy (PROXY v2, /healthz checks), one PostgreSQL, one Redis:
// node A is killed (-9) in the middle of 2,000 activations. Devices whose connection went
// with it (or whose answer did not come) connect again through HAProxy and land on the
// others; in the end every provisioning session is activated exactly once, 2,000 devices
// exist, and all of them show online.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "onboard/test/waits.hpp"
#include "support/blynk_client.hpp"
#include "support/haproxy_process.hpp"
#include "support/http_client.hpp"
#include "support/postgres_server.hpp"
#include "support/redis_server.hpp"
#include "support/server_process.hpp"

namespace onboard::cloud::test {
namespace {

using namespace std::chrono_literals;

constexpr int kDevices = 2000;
constexpr int kThreads = 8;

TEST(ClusterFailover, ANodeKilledDuring2000ActivationsLosesNoneAndDoublesNone) {
  PostgresServer pg;
  ASSERT_TRUE(pg.start()) << pg.error();
  RedisServer redis;
  ASSERT_TRUE(redis.start()) << redis.error();
  ServerProcess nodes[3];
  const std::string add = std::string(ONBOARD_CLOUD_BIN) + " user add --data-dir " + nodes[0].data_dir() +
                          " --store postgres --db-url '" + pg.url() +
                          "' --email admin@example.com --password admin-password --role admin --org Acme"
                          " >/dev/null 2>&1";
  ASSERT_EQ(std::system(add.c_str()), 0);
  std::vector<std::string> endpoints;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(nodes[i].start({"--store", "postgres", "--db-url", pg.url(), "--node-id",
                                "n" + std::to_string(i), "--redis-url", redis.url(), "--node-alive-ms",
                                "2000", "--proxy-protocol", "--provisioning-per-minute", "0",
                                // Every test device comes from 127.0.0.1.
                                "--max-new-connections-per-ip", "100000", "--max-prelogin-per-ip", "100000"}))
        << nodes[i].log();
    endpoints.push_back(nodes[i].plain());
  }
  HaproxyProcess haproxy;
  ASSERT_TRUE(haproxy.start(endpoints)) << haproxy.error();

  HttpClient api{haproxy.endpoint(), false, {}};
  ASSERT_TRUE(onboard::test::eventually([&] { return api.get("/healthz").status == 200; }, 10s));
  auto login = api.post("/api/v1/login", {{"email", "admin@example.com"}, {"password", "admin-password"}});
  ASSERT_EQ(login.status, 200) << login.body;
  api.bearer = login.json()["token"];
  auto t = api.post("/api/v1/templates", {{"name", "Lamp"}});
  ASSERT_EQ(t.status, 201) << t.body;
  const std::string template_id = t.json()["id"];

  // The sessions first (through HAProxy too), so the kill falls among device logins only.
  std::vector<std::string> tokens(kDevices);
  std::string failure;
  std::vector<long> sessions(kDevices);
  {
    std::atomic<int> next{0};
    std::mutex failure_mutex;
    std::vector<std::thread> workers;
    for (int w = 0; w < kThreads; ++w) {
      workers.emplace_back([&] {
        HttpClient mine = api;
        for (int i = next++; i < kDevices; i = next++) {
          auto s = mine.post("/api/v1/provisioning", {{"templateId", template_id}});
          if (s.status != 201) {
            std::lock_guard lock(failure_mutex);
            failure = std::to_string(s.status) + " " + s.body;
            continue;
          }
          tokens[static_cast<std::size_t>(i)] = s.json().value("token", "");
          sessions[static_cast<std::size_t>(i)] = s.json().value("id", 0L);
        }
      });
    }
    for (auto& w : workers) w.join();
  }
  for (const auto& token : tokens) ASSERT_FALSE(token.empty()) << failure;

  // Logs in until a login and info answer 200 (a connection cut by the kill, or refused by HAProxy
  // before its check noticed, tries again, with the same token).
  auto connect_and_login = [&](std::unique_ptr<BlynkClient>& d, const std::string& token) {
    for (int attempt = 0; attempt < 50; ++attempt) {
      d = std::make_unique<BlynkClient>();
      // The first message after the login (the info) activates a provisioning token.
      if (d->connect(haproxy.endpoint(), false) && d->login(token, 5000ms) == 200 &&
          d->wait_response(d->send_info({{"h-beat", "60"}, {"tmpl", template_id}}), 5000ms) == 200)
        return true;
      std::this_thread::sleep_for(100ms);
    }
    return false;
  };
  std::vector<std::unique_ptr<BlynkClient>> devices(kDevices);
  std::atomic<int> next{0};
  std::atomic<int> activated{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < kThreads; ++w) {
    workers.emplace_back([&] {
      for (int i = next++; i < kDevices; i = next++) {
        if (connect_and_login(devices[static_cast<std::size_t>(i)], tokens[static_cast<std::size_t>(i)])) {
          ++activated;
        } else {
          ++failed;
        }
      }
    });
  }
  ASSERT_TRUE(onboard::test::eventually([&] { return activated.load() >= kDevices / 3; }, 120s));
  ASSERT_EQ(nodes[0].stop(true), -SIGKILL);
  const int at_kill = activated.load();
  for (auto& w : workers) w.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_LT(at_kill, kDevices);  // the kill came in the middle

  // Devices that were on the killed node see their connection closed: they come back.
  int reconnected = 0;
  for (int i = 0; i < kDevices; ++i) {
    auto& d = devices[static_cast<std::size_t>(i)];
    char probe;
    if (d->connection().read_some(&probe, 1, 1ms) < 0 || d->closed()) {
      ASSERT_TRUE(connect_and_login(d, tokens[static_cast<std::size_t>(i)])) << i;
      ++reconnected;
    }
  }
  EXPECT_GT(reconnected, 0);

  // Exactly one device per session, every session activated, all online (asked through
  // HAProxy: the nodes take only connections with a PROXY header).
  const HttpClient& survivor = api;
  auto list = survivor.get("/api/v1/devices");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.json().size(), static_cast<std::size_t>(kDevices));
  EXPECT_EQ(pg.execute("DO $$ BEGIN IF (SELECT count(*) FROM devices) <> " + std::to_string(kDevices) +
                       " THEN RAISE 'devices'; END IF; END $$"),
            "");
  EXPECT_EQ(pg.execute("DO $$ BEGIN IF EXISTS (SELECT 1 FROM provisioning_sessions WHERE device_id IS NULL) "
                       "THEN RAISE 'not activated'; END IF; END $$"),
            "");
  EXPECT_TRUE(onboard::test::eventually(
      [&] {
        auto now = survivor.get("/api/v1/devices").json();
        for (const auto& d : now)
          if (!d.value("online", false)) return false;
        return true;
      },
      10s));
}

}  // namespace
}  // namespace onboard::cloud::test
