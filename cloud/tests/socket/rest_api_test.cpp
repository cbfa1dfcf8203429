// The REST API and the Blynk device HTTP API over real sockets, plain and TLS.
#include <gtest/gtest.h>

#include "support/cloud_fixture.hpp"

namespace onboard::cloud::test {
namespace {

using blynk::Command;
using namespace std::chrono_literals;

class RestApi : public CloudTest {
 protected:
  void SetUp() override {
    CloudTest::SetUp();
    ASSERT_EQ(server.add_user("user@example.com", "user-password", "user"), 0);
    ASSERT_EQ(server.add_user("staff@example.com", "staff-password", "staff"), 0);
    ASSERT_EQ(server.add_user("other@example.org", "other-password", "admin", "Other Org"), 0);
    user = client();
    user.bearer = sign_in("user@example.com", "user-password");
    staff = client();
    staff.bearer = sign_in("staff@example.com", "staff-password");
    other = client();
    other.bearer = sign_in("other@example.org", "other-password");
  }
  long activate(const HttpClient& as, std::unique_ptr<BlynkClient>& device) {
    auto p = provision(as);
    device = activated_device(p.token);
    return as.get("/api/v1/provisioning/" + std::to_string(p.id)).json()["deviceId"];
  }
  HttpClient user, staff, other;
};

TEST_P(RestApi, LoginAnswersTokenAndUser) {
  auto r = client().post("/api/v1/login", {{"email", "user@example.com"}, {"password", "user-password"}});
  ASSERT_EQ(r.status, 200);
  auto j = r.json();
  EXPECT_FALSE(j["token"].get<std::string>().empty());
  EXPECT_EQ(j["user"]["email"], "user@example.com");
  EXPECT_EQ(j["user"]["role"], "user");
  EXPECT_TRUE(j["user"]["orgId"].is_number());
  EXPECT_TRUE(j["user"]["id"].is_number());
}

TEST_P(RestApi, WrongPasswordIs401AndTheSixthTryIs429WithRetryAfter) {
  for (int i = 0; i < 5; ++i) {
    auto r = client().post("/api/v1/login", {{"email", "user@example.com"}, {"password", "wrong-password"}});
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.json()["error"], "unauthorized");
  }
  auto r = client().post("/api/v1/login", {{"email", "user@example.com"}, {"password", "user-password"}});
  EXPECT_EQ(r.status, 429);
  EXPECT_GT(std::stol(r.headers["retry-after"]), 0);
  EXPECT_TRUE(r.json().contains("reason"));
}

TEST_P(RestApi, BadRequestsNameTheField) {
  auto r = client().post("/api/v1/login", {{"email", "user@example.com"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["error"], "bad_request");
  EXPECT_NE(r.json()["reason"].get<std::string>().find("password"), std::string::npos);
  r = api.post("/api/v1/provisioning", nlohmann::json::object());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.json()["reason"].get<std::string>().find("templateId"), std::string::npos);
  r = api.request("POST", "/api/v1/templates", "{not json");
  EXPECT_EQ(r.status, 400);
}

TEST_P(RestApi, NoOrBadSessionIs401) {
  EXPECT_EQ(client().get("/api/v1/templates").status, 401);
  auto bad = client();
  bad.bearer = "nonsense";
  EXPECT_EQ(bad.get("/api/v1/devices").status, 401);
}

TEST_P(RestApi, TemplatesBelongToTheOrgAndNeedAdminOrStaff) {
  EXPECT_EQ(user.post("/api/v1/templates", {{"name", "Fan"}}).status, 403);
  auto r = staff.post("/api/v1/templates", {{"name", "Fan"}});
  ASSERT_EQ(r.status, 201);
  EXPECT_EQ(r.json()["id"].get<std::string>().rfind("TMPL", 0), 0u);
  EXPECT_EQ(user.get("/api/v1/templates").json().size(), 2u);
  EXPECT_EQ(other.get("/api/v1/templates").json().size(), 0u);
  EXPECT_EQ(other.post("/api/v1/provisioning", {{"templateId", template_id}}).status, 404);
}

TEST_P(RestApi, ProvisioningSessionIsVisibleToItsRequesterOnly) {
  auto p = provision(user);
  EXPECT_EQ(user.get("/api/v1/provisioning/" + std::to_string(p.id)).status, 200);
  EXPECT_EQ(api.get("/api/v1/provisioning/" + std::to_string(p.id)).status, 403);
  EXPECT_EQ(other.get("/api/v1/provisioning/" + std::to_string(p.id)).status, 404);
  EXPECT_EQ(user.get("/api/v1/provisioning/999999").status, 404);
}

TEST_P(RestApi, DevicesAreSeenByOwnerAndAdminOnly) {
  std::unique_ptr<BlynkClient> d;
  const long id = activate(user, d);
  const auto path = "/api/v1/devices/" + std::to_string(id);
  auto mine = user.get("/api/v1/devices").json();
  ASSERT_EQ(mine.size(), 1u);
  for (const char* key :
       {"id", "name", "templateId", "online", "lastSeen", "activatedAt", "ownerId", "firmware"}) {
    EXPECT_TRUE(mine[0].contains(key)) << key;
  }
  EXPECT_EQ(api.get(path).status, 200);
  EXPECT_EQ(other.get(path).status, 404);
  std::unique_ptr<BlynkClient> d2;
  const long admins = activate(api, d2);
  EXPECT_EQ(user.get("/api/v1/devices/" + std::to_string(admins)).status, 403);
  EXPECT_EQ(user.get("/api/v1/devices").json().size(), 1u);
  EXPECT_EQ(api.get("/api/v1/devices").json().size(), 2u);
}

TEST_P(RestApi, PatchRenames) {
  std::unique_ptr<BlynkClient> d;
  const long id = activate(user, d);
  const auto path = "/api/v1/devices/" + std::to_string(id);
  auto r = user.request("PATCH", path, R"({"name":"Kitchen lamp"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["name"], "Kitchen lamp");
  EXPECT_EQ(user.request("PATCH", path, R"({"name":""})").status, 400);
  EXPECT_EQ(staff.request("PATCH", path, R"({"name":"x"})").status, 403);
}

TEST_P(RestApi, DeleteRevokesTheTokenAndDropsTheConnection) {
  auto p = provision(user);
  auto d = activated_device(p.token);
  const long id = user.get("/api/v1/provisioning/" + std::to_string(p.id)).json()["deviceId"];
  EXPECT_EQ(user.request("DELETE", "/api/v1/devices/" + std::to_string(id)).status, 204);
  EXPECT_TRUE(d->wait_closed());
  BlynkClient again;
  ASSERT_TRUE(again.connect(endpoint(), tls()));
  EXPECT_EQ(again.login(p.token), 9);
  EXPECT_EQ(user.get("/api/v1/devices/" + std::to_string(id)).status, 404);
}

TEST_P(RestApi, EraseClearsPinsAndTimeline) {
  auto p = provision(user);
  auto d = activated_device(p.token);
  const long id = user.get("/api/v1/provisioning/" + std::to_string(p.id)).json()["deviceId"];
  d->send(Command::Hardware, vw(1, "x"));
  ASSERT_EQ(d->wait_response(d->send(Command::Ping, {})), 200);
  EXPECT_EQ(user.post("/api/v1/devices/" + std::to_string(id) + "/erase", nlohmann::json::object()).status,
            200);
  EXPECT_EQ(user.get("/api/v1/devices/" + std::to_string(id) + "/timeline").json().size(), 0u);
  EXPECT_EQ(client().get("/external/api/get?token=" + p.token + "&V1").status, 400);
}

TEST_P(RestApi, TimelineIsNewestFirst) {
  auto p = provision(user);
  auto d = activated_device(p.token);
  const long id = user.get("/api/v1/provisioning/" + std::to_string(p.id)).json()["deviceId"];
  d->wait_response(d->send(Command::EventLog, {"first", "one"}));
  std::this_thread::sleep_for(5ms);
  d->wait_response(d->send(Command::EventLog, {"second", "two"}));
  auto t = user.get("/api/v1/devices/" + std::to_string(id) + "/timeline").json();
  ASSERT_GE(t.size(), 2u);
  EXPECT_EQ(t[0]["code"], "second");
  EXPECT_EQ(t[1]["code"], "first");
  for (const char* key : {"ts", "type", "code", "description"}) EXPECT_TRUE(t[0].contains(key));
}

TEST_P(RestApi, DeviceHttpApi) {
  auto p = provision(user);
  EXPECT_EQ(client().get("/external/api/isHardwareConnected?token=" + p.token).status, 401);
  auto d = activated_device(p.token);
  auto r = client().get("/external/api/isHardwareConnected?token=" + p.token);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "true");
  EXPECT_EQ(client().get("/external/api/update?token=" + p.token + "&V1=42").status, 200);
  auto f = d->read();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->command, Command::Hardware);
  EXPECT_EQ(f->fields(), (std::vector<std::string>{"vw", "1", "42"}));
  r = client().get("/external/api/get?token=" + p.token + "&V1");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "42");
  EXPECT_EQ(client().get("/external/api/get?V1").status, 400);
  EXPECT_EQ(client().get("/external/api/get?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&V1").status, 401);
  d->connection().close();
  EXPECT_TRUE(eventually(
      [&] { return client().get("/external/api/isHardwareConnected?token=" + p.token).body == "false"; }));
}

TEST_P(RestApi, HealthMetricsAndLimits) {
  auto h = client().get("/healthz");
  EXPECT_EQ(h.status, 200);
  auto m = client().get("/metrics");
  EXPECT_EQ(m.status, 200);
  for (const char* name :
       {"onboard_connections{transport=\"plain\"}", "onboard_connections{transport=\"tls\"}",
        "onboard_device_logins_total{result=\"ok\"}", "onboard_device_logins_total{result=\"failed\"}",
        "onboard_activations_total", "onboard_device_messages_total{direction=\"in\"}",
        "onboard_device_messages_total{direction=\"out\"}", "onboard_http_requests_total{status=\"200\"}",
        "onboard_provisioning_sessions{state=\"pending\"}"}) {
    EXPECT_NE(m.body.find(name), std::string::npos) << name;
  }
  auto big = client().request("POST", "/api/v1/login", std::string(200 * 1024, 'x'));
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(client().get("/api/v1/nothing").status, 404);
  EXPECT_EQ(client().request("PUT", "/api/v1/templates").status, 405);
}

INSTANTIATE_TEST_SUITE_P(Transports, RestApi, ::testing::Values(false, true), transport_name);

}  // namespace
}  // namespace onboard::cloud::test
