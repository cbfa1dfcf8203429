// Token rotation after a reconfigure, over real sockets against a server run
// in this process, so that the test moves its clock (ten minutes in no time).
#include <gtest/gtest.h>

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <thread>

#include "onboard/cloud/context.hpp"
#include "onboard/cloud/crypto/certificate.hpp"
#include "onboard/cloud/domain/provisioning.hpp"
#include "onboard/cloud/net/server.hpp"
#include "onboard/cloud/store/open_store.hpp"
#include "support/blynk_client.hpp"

namespace onboard::cloud::test {
namespace {

using blynk::Command;
using namespace std::chrono_literals;

constexpr const char* kTemplate = "TMPLlamp0001";

class TokenRotation : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    spdlog::set_level(spdlog::level::warn);
    char dir[] = "/tmp/onboard-rotation-XXXXXX";
    ASSERT_NE(::mkdtemp(dir), nullptr);
    config.data_dir = dir;
    config.listen = "127.0.0.1:0";
    config.tls_listen = "127.0.0.1:0";
    auto opened = open_configured_store(config);
    ASSERT_TRUE(opened) << opened.error().message;
    inner = std::move(*opened);
    store = std::make_unique<WatchedStore>(*inner);
    hub = std::make_unique<Hub>(*store);
    devices = std::make_unique<Devices>(*store, clock);
    ctx = std::make_unique<Context>(Context{config, *store, *hub, metrics, limiter, *devices, clock, *store,
                                            connection_limits, token_throttle, nullptr});
    auto seeded = store->write([&](Records& r) -> StoreResult<User> {
      auto org = r.insert_org("Acme");
      if (!org) return org.error();
      if (auto t = r.insert_template(Template{kTemplate, *org, "Lamp", 1}); !t) return t.error();
      return r.insert_user(User{0, *org, "admin@example.com", "hash", Role::Admin});
    });
    ASSERT_TRUE(seeded) << seeded.error().message;
    admin = *seeded;
    const auto files = ensure_self_signed(config.data_dir, "localhost");
    server = std::make_unique<Server>(*ctx, files.cert, files.key);
    server->bind();
    runner = std::thread([this] { server->run(); });
  }

  void TearDown() override {
    if (server) server->stop();
    if (runner.joinable()) runner.join();
    server.reset();
    std::filesystem::remove_all(config.data_dir);
  }

  bool tls() const { return GetParam(); }
  std::string endpoint() const { return tls() ? server->tls_endpoint() : server->plain_endpoint(); }

  // A provisioning token for a new device, or (device) a reconfigure of it.
  std::string provisioning_token(std::optional<Id> device = std::nullopt) {
    const Template tmpl{kTemplate, admin.org_id, "Lamp", 1};
    auto created = create_provisioning(*store, clock, admin, tmpl, ProvisioningLimits{}, device);
    EXPECT_TRUE(created && created->created);
    return created && created->created ? created->created->token : std::string();
  }

  std::unique_ptr<BlynkClient> logged_in(const std::string& token, std::uint16_t expect = 200) {
    auto d = std::make_unique<BlynkClient>();
    EXPECT_TRUE(d->connect(endpoint(), tls()));
    EXPECT_EQ(d->login(token), expect);
    return d;
  }

  // Logs in with a provisioning token and sends info: activated (a new device or the reconfigured one).
  std::unique_ptr<BlynkClient> activated(const std::string& token) {
    auto d = logged_in(token);
    EXPECT_EQ(d->wait_response(d->send_info({{"ver", "1.3.2"}, {"h-beat", "45"}, {"tmpl", kTemplate}})), 200);
    return d;
  }

  Id device_id() {
    auto all = store->read([&](Records& r) { return r.devices_of_org(admin.org_id, std::nullopt); });
    EXPECT_TRUE(all && all->size() == 1);
    return all && !all->empty() ? all->front().id : 0;
  }

  std::optional<std::uint16_t> confirm(BlynkClient& d) {
    return d.wait_response(d.send(Command::Internal, {"token", "saved"}));
  }

  bool has_event(Id device, const std::string& code) {
    auto events = store->read([&](Records& r) { return r.events_of_device(device, 50); });
    if (!events) return false;
    for (const auto& e : *events)
      if (e.code == code) return true;
    return false;
  }

  Config config;
  ManualClock clock{now_ms()};
  std::unique_ptr<Store> inner;
  std::unique_ptr<WatchedStore> store;
  std::unique_ptr<Hub> hub;
  std::unique_ptr<Devices> devices;
  Metrics metrics;
  LoginLimiter limiter;
  ConnectionLimits connection_limits{64, 1000};
  TokenThrottle token_throttle{1000};
  std::unique_ptr<Context> ctx;
  User admin;
  std::unique_ptr<Server> server;
  std::thread runner;
};

TEST_P(TokenRotation, TheOldTokenIsRefusedOnceTheDeviceConfirmedTheNewOne) {
  const auto old_token = provisioning_token();
  activated(old_token)->connection().close();
  const Id device = device_id();
  const auto new_token = provisioning_token(device);
  auto d = activated(new_token);
  EXPECT_EQ(confirm(*d), 200);
  EXPECT_TRUE(has_event(device, "token_saved"));
  logged_in(old_token, 9);
  // The confirming connection goes on, and the new token logs in again later.
  EXPECT_EQ(d->wait_response(d->send(Command::Ping, {})), 200);
  d->connection().close();
  logged_in(new_token);
}

TEST_P(TokenRotation, TheOldTokenLogsInBeforeTheConfirmButNeverRevokesTheNewOne) {
  const auto old_token = provisioning_token();
  activated(old_token)->connection().close();
  const Id device = device_id();
  const auto new_token = provisioning_token(device);
  activated(new_token)->connection().close();  // the new token's first login
  {
    auto back = logged_in(old_token);  // e.g. cut off before it saved the new configuration
    // A confirmation over the old token's connection counts for nothing.
    EXPECT_EQ(confirm(*back), 6);
  }
  EXPECT_TRUE(has_event(device, "replaced_token_login"));
  auto fresh = logged_in(new_token);
  EXPECT_EQ(confirm(*fresh), 200);
  logged_in(old_token, 9);
}

TEST_P(TokenRotation, TheOldTokenStopsTenMinutesAfterTheNewTokensFirstLogin) {
  const auto old_token = provisioning_token();
  activated(old_token)->connection().close();
  const Id device = device_id();
  const auto new_token = provisioning_token(device);
  activated(new_token)->connection().close();
  clock.advance(kReplacedTokenGraceMs - 60'000);
  auto old_session = logged_in(old_token);
  clock.advance(60'000);
  // The connection that logged in with it is closed at the deadline (the sweep runs each second)...
  EXPECT_TRUE(old_session->wait_closed(5000ms));
  // ...and it logs in no more; the new token does.
  logged_in(old_token, 9);
  logged_in(new_token);
}

std::string transport(const ::testing::TestParamInfo<bool>& param) {
  return param.param ? "tls" : "plain";
}

INSTANTIATE_TEST_SUITE_P(Transports, TokenRotation, ::testing::Values(false, true), transport);

}  // namespace
}  // namespace onboard::cloud::test
