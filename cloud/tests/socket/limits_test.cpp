// Limits over real sockets, each set low by its flag: pins (canonical names,
// a cap), properties, the timeline, provisioning sessions per user, device-
// token failures per address, connections per address before login.
#include <gtest/gtest.h>

#include "support/cloud_fixture.hpp"

namespace onboard::cloud::test {
namespace {

using blynk::Command;
using namespace std::chrono_literals;

constexpr std::uint16_t kIllegalCommandBody = 11;
constexpr std::uint16_t kInvalidToken = 9;

class Limits : public CloudTest {
 protected:
  std::vector<std::string> serve_flags() const override {
    return {"--max-pins",     "3",  "--max-properties",          "1", "--timeline-keep", "3",
            "--pin-flush-ms", "20", "--provisioning-per-minute", "4"};
  }
};

TEST_P(Limits, PinNamesAreCanonicalAndOnlyV0ToV255) {
  auto p = provision();
  auto d = activated_device(p.token);
  d->send(Command::Hardware, vw(1, "one"));
  d->send(Command::Hardware, {"vw", "01", "still one"});
  EXPECT_EQ(d->wait_response(d->send(Command::Hardware, {"vw", "256", "x"})), kIllegalCommandBody);
  EXPECT_EQ(client().get("/external/api/get?token=" + p.token + "&V1").body, "still one");
  EXPECT_EQ(client().get("/external/api/get?token=" + p.token + "&V001").body, "still one");
  auto refused = client().get("/external/api/update?token=" + p.token + "&V256=1");
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("V0..V255"), std::string::npos) << refused.body;
  const auto sync = d->send(Command::HardwareSync, {"vr", "0001"});
  auto f = d->read();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->id, sync);
  EXPECT_EQ(f->fields(), (std::vector<std::string>{"vw", "1", "still one"}));
}

TEST_P(Limits, ADeviceKeepsAtMostMaxPins) {
  auto p = provision();
  auto d = activated_device(p.token);
  for (int pin = 0; pin < 3; ++pin) d->send(Command::Hardware, vw(pin, "v"));
  EXPECT_EQ(d->wait_response(d->send(Command::Hardware, vw(3, "fourth"))), kIllegalCommandBody);
  d->send(Command::Hardware, vw(2, "an old pin still takes values"));
  EXPECT_EQ(d->wait_response(d->send(Command::Ping, {})), 200);
  EXPECT_EQ(client().get("/external/api/update?token=" + p.token + "&V9=1").status, 400);
  EXPECT_EQ(client().get("/external/api/update?token=" + p.token + "&V2=ok").status, 200);
}

TEST_P(Limits, ADeviceKeepsAtMostMaxProperties) {
  auto p = provision();
  auto d = activated_device(p.token);
  d->send(Command::Property, {"1", "label", "Kitchen"});
  const auto second = d->send(Command::Property, {"1", "color", "#ff0000"});
  EXPECT_EQ(d->wait_response(second), kIllegalCommandBody);
  d->send(Command::Property, {"1", "label", "Hall"});  // updating the kept one is fine: no answer
  EXPECT_EQ(d->wait_response(d->send(Command::Ping, {})), 200);
}

TEST_P(Limits, TheTimelineKeepsTheNewestEvents) {
  auto p = provision();
  auto d = activated_device(p.token);
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(d->wait_response(d->send(Command::EventLog, {"e" + std::to_string(i), "n"})), 200);
  }
  auto devices = api.get("/api/v1/devices").json();
  const auto id = devices[0]["id"].get<long>();
  auto timeline = api.get("/api/v1/devices/" + std::to_string(id) + "/timeline?limit=100").json();
  ASSERT_EQ(timeline.size(), 3u) << timeline.dump();
  EXPECT_EQ(timeline[0]["code"], "e5");
}

TEST_P(Limits, ProvisioningSessionsPerUserPerMinuteAre429Beyond) {
  for (int i = 0; i < 4; ++i)
    ASSERT_EQ(api.post("/api/v1/provisioning", {{"templateId", template_id}}).status, 201);
  auto r = api.post("/api/v1/provisioning", {{"templateId", template_id}});
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_FALSE(r.headers["retry-after"].empty());
}

INSTANTIATE_TEST_SUITE_P(Plain, Limits, ::testing::Values(false), transport_name);

class TokenGuessing : public CloudTest {
 protected:
  std::vector<std::string> serve_flags() const override { return {"--token-failures-per-ip", "3"}; }
};

TEST_P(TokenGuessing, AnAddressWithTooManyBadTokensIsClosedAtOnceAndLoggedOnce) {
  auto good = provision();
  for (int i = 0; i < 3; ++i) {
    BlynkClient guess;
    ASSERT_TRUE(guess.connect(endpoint(), tls()));
    EXPECT_EQ(guess.login("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" + std::to_string(i)), kInvalidToken);
  }
  for (int i = 0; i < 5; ++i) {
    BlynkClient blocked;
    ASSERT_TRUE(blocked.connect(endpoint(), tls()));
    EXPECT_EQ(blocked.login(good.token), std::nullopt);  // even a good token: closed, unanswered
    EXPECT_TRUE(blocked.closed());
  }
  const auto log = server.log();
  std::size_t lines = 0;
  for (auto at = log.find("failed device-token logins from"); at != std::string::npos;
       at = log.find("failed device-token logins from", at + 1)) {
    ++lines;
  }
  EXPECT_EQ(lines, 1u) << log;
}

INSTANTIATE_TEST_SUITE_P(Plain, TokenGuessing, ::testing::Values(false), transport_name);

class ConnectionsPerAddress : public CloudTest {
 protected:
  std::vector<std::string> serve_flags() const override {
    return {"--max-prelogin-per-ip", "3", "--max-new-connections-per-ip", "1000"};
  }
};

TEST_P(ConnectionsPerAddress, AtMostNWaitForLoginAndALoginFreesASlot) {
  auto p = provision();
  // Four silent connections: three are kept waiting for their login, one is closed at once
  // (which one depends on the order the io threads take them up).
  std::vector<std::unique_ptr<BlynkClient>> silent;
  for (int i = 0; i < 4; ++i) {
    silent.push_back(std::make_unique<BlynkClient>());
    ASSERT_TRUE(silent.back()->connect(endpoint(), tls()));
  }
  std::vector<BlynkClient*> open;
  for (auto& c : silent) {
    if (!c->wait_closed(1500ms)) open.push_back(c.get());
  }
  ASSERT_EQ(open.size(), 3u);
  // A new one now, even HTTP, is refused too.
  EXPECT_EQ(client().get("/healthz").status, 0);
  // One of the three logs in: no longer waiting, so a new connection fits.
  EXPECT_EQ(open[0]->login(p.token), 200);
  EXPECT_EQ(client().get("/healthz").status, 200);
  EXPECT_NE(api.get("/metrics").body.find("onboard_connections_refused_total 2"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Plain, ConnectionsPerAddress, ::testing::Values(false), transport_name);

class NewConnectionRate : public CloudTest {
 protected:
  std::vector<std::string> serve_flags() const override { return {"--max-new-connections-per-ip", "2"}; }
};

TEST_P(NewConnectionRate, ConnectionsBeyondNPerSecondAreClosed) {
  // Many at once: within any one second at most 2 are kept; the rest are closed at once.
  std::vector<std::unique_ptr<BlynkClient>> burst;
  for (int i = 0; i < 8; ++i) {
    burst.push_back(std::make_unique<BlynkClient>());
    ASSERT_TRUE(burst.back()->connect(endpoint(), tls()));
  }
  int closed = 0;
  for (auto& c : burst) closed += c->wait_closed(2s) ? 1 : 0;
  EXPECT_GE(closed, 4);  // 8 in well under a second or two: at most 2 per second kept
  EXPECT_TRUE(eventually([&] {
    return api.get("/metrics").body.find("onboard_connections_refused_total 0") == std::string::npos;
  }));
}

INSTANTIATE_TEST_SUITE_P(Plain, NewConnectionRate, ::testing::Values(false), transport_name);

}  // namespace
}  // namespace onboard::cloud::test
