// Provisioning sessions and activation over real sockets, plain and TLS.
#include <gtest/gtest.h>

#include <set>

#include "support/cloud_fixture.hpp"

namespace onboard::cloud::test {
namespace {

using blynk::Command;
using namespace std::chrono_literals;

class Activation : public CloudTest {};

TEST_P(Activation, TokenIs32Base64UrlCharactersAndSessionStartsPending) {
  auto r = api.post("/api/v1/provisioning", {{"templateId", template_id}});
  ASSERT_EQ(r.status, 201);
  auto j = r.json();
  const std::string token = j["token"];
  EXPECT_EQ(token.size(), 32u);
  EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  EXPECT_EQ(j["state"], "pending");
  EXPECT_EQ(j["templateId"], template_id);
  EXPECT_FALSE(j["expiresAt"].get<std::string>().empty());
}

TEST_P(Activation, LoginConnectsAndMatchingInfoActivates) {
  auto p = provision();
  BlynkClient d;
  ASSERT_TRUE(d.connect(endpoint(), tls()));
  ASSERT_EQ(d.login(p.token), 200);
  EXPECT_EQ(state_of(p.id), "connected");
  ASSERT_EQ(d.wait_response(d.send_info({{"ver", "1.3.2"}, {"tmpl", template_id}, {"fw", "2.1.0"}})), 200);
  auto s = api.get("/api/v1/provisioning/" + std::to_string(p.id)).json();
  EXPECT_EQ(s["state"], "activated");
  const long device = s["deviceId"];
  auto dev = api.get("/api/v1/devices/" + std::to_string(device)).json();
  EXPECT_EQ(dev["name"], "Lamp");
  EXPECT_EQ(dev["templateId"], template_id);
  EXPECT_EQ(dev["firmware"], "2.1.0");
  EXPECT_TRUE(dev["online"].get<bool>());
  auto t = api.get("/api/v1/devices/" + std::to_string(device) + "/timeline").json();
  bool activated = false;
  for (auto& e : t) activated = activated || e["type"] == "activated";
  EXPECT_TRUE(activated);
  // The token is now the device's own: it logs in again after a reconnect.
  d.connection().close();
  BlynkClient again;
  ASSERT_TRUE(again.connect(endpoint(), tls()));
  EXPECT_EQ(again.login(p.token), 200);
}

TEST_P(Activation, SecondDeviceOfATemplateGetsASuffix) {
  auto a = provision();
  auto b = provision();
  auto da = activated_device(a.token);
  auto db = activated_device(b.token);
  std::set<std::string> names;
  for (auto& d : api.get("/api/v1/devices").json()) names.insert(d["name"].get<std::string>());
  EXPECT_EQ(names, (std::set<std::string>{"Lamp", "Lamp 2"}));
}

TEST_P(Activation, TemplateMismatchFailsAndDrops) {
  auto p = provision();
  BlynkClient d;
  ASSERT_TRUE(d.connect(endpoint(), tls()));
  ASSERT_EQ(d.login(p.token), 200);
  EXPECT_EQ(d.wait_response(d.send_info({{"tmpl", "TMPLwrong123"}})), 6);
  EXPECT_TRUE(d.wait_closed());
  auto s = api.get("/api/v1/provisioning/" + std::to_string(p.id)).json();
  EXPECT_EQ(s["state"], "failed");
  EXPECT_EQ(s["reason"], "template_mismatch");
  EXPECT_EQ(api.get("/api/v1/devices").json().size(), 0u);
  BlynkClient retry;
  ASSERT_TRUE(retry.connect(endpoint(), tls()));
  EXPECT_EQ(retry.login(p.token), 9);
}

TEST_P(Activation, NoTemplateReportedActivatesWithAWarning) {
  auto p = provision();
  BlynkClient d;
  ASSERT_TRUE(d.connect(endpoint(), tls()));
  ASSERT_EQ(d.login(p.token), 200);
  ASSERT_EQ(d.wait_response(d.send_info({{"ver", "0.6.1"}, {"h-beat", "10"}, {"buff-in", "256"}})), 200);
  auto s = api.get("/api/v1/provisioning/" + std::to_string(p.id)).json();
  ASSERT_EQ(s["state"], "activated");
  auto t = api.get("/api/v1/devices/" + std::to_string(s["deviceId"].get<long>()) + "/timeline").json();
  bool warning = false;
  for (auto& e : t) warning = warning || e["type"] == "warning";
  EXPECT_TRUE(warning);
}

TEST_P(Activation, ReconfigureKeepsTheDeviceId) {
  auto p = provision();
  auto d = activated_device(p.token);
  const long device = api.get("/api/v1/provisioning/" + std::to_string(p.id)).json()["deviceId"];
  auto r = api.post("/api/v1/devices/" + std::to_string(device) + "/reconfigure", nlohmann::json::object());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_TRUE(r.json()["deviceNotified"].get<bool>());
  // The online device is told to open its AP (Edgent's console `config start`).
  auto told = d->read();
  ASSERT_TRUE(told);
  EXPECT_EQ(told->command, Command::Internal);
  EXPECT_EQ(told->fields(), (std::vector<std::string>{"dbg", "config start"}));
  const std::string token = r.json()["token"];
  const long session = r.json()["id"];
  auto d2 = activated_device(token);
  auto s = api.get("/api/v1/provisioning/" + std::to_string(session)).json();
  EXPECT_EQ(s["state"], "activated");
  EXPECT_EQ(s["deviceId"], device);
  EXPECT_EQ(api.get("/api/v1/devices").json().size(), 1u);
  // Once the device confirms it saved the new token, the old one is done.
  d2->connection().close();
  BlynkClient again;
  ASSERT_TRUE(again.connect(endpoint(), tls()));
  ASSERT_EQ(again.login(token), 200);
  ASSERT_EQ(again.wait_response(again.send(Command::Internal, {"token", "saved"})), 200);
  BlynkClient old;
  ASSERT_TRUE(old.connect(endpoint(), tls()));
  EXPECT_EQ(old.login(p.token), 9);
}

TEST_P(Activation, DeviceCutOffBeforeSavingItsNewTokenComesBackWithTheOldOneWhichRevokesNothing) {
  auto p = provision();
  auto d = activated_device(p.token);
  const long device = api.get("/api/v1/provisioning/" + std::to_string(p.id)).json()["deviceId"];
  auto r = api.post("/api/v1/devices/" + std::to_string(device) + "/reconfigure", nlohmann::json::object());
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string token = r.json()["token"];
  activated_device(token)->connection().close();  // activated, then the power went
  // It boots with what it had saved: the old network and the old token.
  BlynkClient back;
  ASSERT_TRUE(back.connect(endpoint(), tls()));
  ASSERT_EQ(back.login(p.token), 200);
  auto dev = api.get("/api/v1/devices/" + std::to_string(device)).json();
  EXPECT_TRUE(dev["online"].get<bool>());
  EXPECT_EQ(api.get("/api/v1/devices").json().size(), 1u);
  bool warned = false;
  for (auto& e : api.get("/api/v1/devices/" + std::to_string(device) + "/timeline").json())
    warned = warned || e["code"] == "replaced_token_login";
  EXPECT_TRUE(warned);
  // The old token's login revoked nothing: the new one still logs in (the 10-minute cutoff is
  // tested with a moved clock in cloud/tests/inprocess).
  back.connection().close();
  BlynkClient fresh;
  ASSERT_TRUE(fresh.connect(endpoint(), tls()));
  EXPECT_EQ(fresh.login(token), 200);
}

TEST_P(Activation, ReconfigureOfAnOfflineDeviceSaysItWasNotNotified) {
  auto p = provision();
  activated_device(p.token)->connection().close();
  const long device = api.get("/api/v1/provisioning/" + std::to_string(p.id)).json()["deviceId"];
  ASSERT_TRUE(eventually(
      [&] { return !api.get("/api/v1/devices/" + std::to_string(device)).json()["online"].get<bool>(); }));
  auto r = api.post("/api/v1/devices/" + std::to_string(device) + "/reconfigure", nlohmann::json::object());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_FALSE(r.json()["deviceNotified"].get<bool>());
}

TEST_P(Activation, TwoRacingLoginsWithOneTokenCreateOneDevice) {
  auto p = provision();
  BlynkClient a;
  BlynkClient b;
  ASSERT_TRUE(a.connect(endpoint(), tls()));
  ASSERT_TRUE(b.connect(endpoint(), tls()));
  a.send(Command::HwLogin, {p.token});
  b.send(Command::HwLogin, {p.token});
  a.send_info({{"tmpl", template_id}});
  b.send_info({{"tmpl", template_id}});
  ASSERT_TRUE(eventually([&] { return state_of(p.id) == "activated"; }));
  EXPECT_EQ(api.get("/api/v1/devices").json().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Transports, Activation, ::testing::Values(false, true), transport_name);

class ExpiringActivation : public CloudTest {
 protected:
  std::vector<std::string> serve_flags() const override { return {"--provisioning-ttl", "1"}; }
};

TEST_P(ExpiringActivation, ExpiredTokenIsRefused) {
  auto p = provision();
  std::this_thread::sleep_for(1200ms);
  BlynkClient d;
  ASSERT_TRUE(d.connect(endpoint(), tls()));
  EXPECT_EQ(d.login(p.token), 9);
  EXPECT_TRUE(d.wait_closed());
  EXPECT_EQ(state_of(p.id), "expired");
}

INSTANTIATE_TEST_SUITE_P(Transports, ExpiringActivation, ::testing::Values(false, true), transport_name);

}  // namespace
}  // namespace onboard::cloud::test
