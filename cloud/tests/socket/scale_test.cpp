// Many devices at once, and stopping the server in the middle of activations.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "support/cloud_fixture.hpp"

namespace onboard::cloud::test {
namespace {

using blynk::Command;
using namespace std::chrono_literals;

class Scale : public CloudTest {
 protected:
  // Hundreds of sessions by one user: over the default 60 per minute.
  std::vector<std::string> serve_flags() const override { return {"--provisioning-per-minute", "0"}; }

  // Four clients at once, so the setup does not dominate the test's time.
  std::vector<Provisioned> provision_many(int n) {
    std::vector<Provisioned> out(static_cast<std::size_t>(n));
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        for (int i = t; i < n; i += 4) out[static_cast<std::size_t>(i)] = provision();
      });
    }
    for (auto& th : threads) th.join();
    return out;
  }

  // Connects every device and sends login + info without waiting for answers.
  std::vector<std::unique_ptr<BlynkClient>> storm(const std::vector<Provisioned>& tokens, std::size_t count) {
    std::vector<std::unique_ptr<BlynkClient>> devices;
    for (std::size_t i = 0; i < count; ++i) {
      auto d = std::make_unique<BlynkClient>();
      if (!d->connect(endpoint(), tls())) {
        ADD_FAILURE() << "connect " << i << ": " << d->connection().error();
        break;
      }
      d->send(Command::HwLogin, {tokens[i].token});
      d->send_info({{"ver", "1.3.2"}, {"h-beat", "45"}, {"buff-in", "1024"}, {"tmpl", template_id}});
      devices.push_back(std::move(d));
    }
    return devices;
  }

  void expect_each_activated_once(const std::vector<Provisioned>& tokens) {
    auto devices = api.get("/api/v1/devices").json();
    EXPECT_EQ(devices.size(), tokens.size());
    std::set<long> ids;
    std::set<std::string> names;
    for (auto& d : devices) {
      ids.insert(d["id"].get<long>());
      names.insert(d["name"].get<std::string>());
    }
    EXPECT_EQ(ids.size(), tokens.size());
    EXPECT_EQ(names.size(), tokens.size());
    std::set<long> from_sessions;
    for (const auto& t : tokens) {
      auto s = api.get("/api/v1/provisioning/" + std::to_string(t.id)).json();
      EXPECT_EQ(s["state"], "activated") << t.id;
      from_sessions.insert(s.value("deviceId", 0L));
    }
    EXPECT_EQ(from_sessions, ids);
  }
};

TEST_P(Scale, AThousandDevicesActivateAtOnceWithoutLossOrDuplicate) {
  const int n = tls() ? 200 : 1000;  // TLS handshakes of the test client are serial and slow under ASan
  const auto t0 = std::chrono::steady_clock::now();
  auto lap = [&](const char* what) {
    std::fprintf(stderr, "%s at %.1f s\n", what,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  };
  auto tokens = provision_many(n);
  lap("provisioned");
  auto devices = storm(tokens, tokens.size());
  ASSERT_EQ(devices.size(), tokens.size());
  lap("connected");
  for (auto& d : devices) {
    EXPECT_EQ(d->wait_response(1, 20s), 200);
    EXPECT_EQ(d->wait_response(2, 20s), 200);
  }
  lap("activated");
  if (HasFailure()) std::fprintf(stderr, "%s\n", server.log().c_str());
  expect_each_activated_once(tokens);
  lap("checked");
  auto metrics = api.get("/metrics").body;
  EXPECT_NE(metrics.find("onboard_activations_total{result=\"ok\"} " + std::to_string(n)), std::string::npos)
      << metrics;
}

TEST_P(Scale, KilledMidActivationLosesAndDoublesNothing) {
  auto tokens = provision_many(tls() ? 100 : 300);  // the test client's TLS handshakes are serial
  {
    auto devices = storm(tokens, tokens.size());
    server.stop(/*kill=*/true);  // while the server is still working through them
  }
  ASSERT_TRUE(server.start()) << server.log();
  api.endpoint = endpoint();
  auto devices = storm(tokens, tokens.size());
  for (auto& d : devices) {
    EXPECT_EQ(d->wait_response(1, 20s), 200);
    EXPECT_EQ(d->wait_response(2, 20s), 200);
  }
  expect_each_activated_once(tokens);
}

TEST_P(Scale, SigtermStopsCleanlyAndKeepsPinValues) {
  auto p = provision();
  auto d = activated_device(p.token);
  d->send(Command::Hardware, vw(3, "kept"));
  ASSERT_EQ(d->wait_response(d->send(Command::Ping, {})), 200);
  EXPECT_EQ(server.stop(), 0);
  EXPECT_TRUE(d->wait_closed());
  ASSERT_TRUE(server.start()) << server.log();
  api.endpoint = endpoint();
  auto r = client().get("/external/api/get?token=" + p.token + "&V3");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "kept");
  auto t = api.get(
      "/api/v1/devices/" +
      std::to_string(api.get("/api/v1/provisioning/" + std::to_string(p.id)).json()["deviceId"].get<long>()) +
      "/timeline");
  EXPECT_EQ(t.json()[0]["type"], "offline");
}

INSTANTIATE_TEST_SUITE_P(Transports, Scale, ::testing::Values(false, true), transport_name);

}  // namespace
}  // namespace onboard::cloud::test
