// GET /api/v1/provisioning and /api/v1/provisioning/stats over real sockets: every
// attempt with its steps and reason, newest first, seen by whom it may be; the success
// rate, median duration and most common reasons; the heartbeat a device announced.
#include <gtest/gtest.h>

#include "support/cloud_fixture.hpp"

namespace onboard::cloud::test {
namespace {

class ProvisioningReport : public CloudTest {
 protected:
  HttpClient user_client(const std::string& email, const std::string& role) {
    EXPECT_EQ(
        api.post("/api/v1/users", {{"email", email}, {"password", "a-good-password"}, {"role", role}}).status,
        201);
    auto c = client();
    c.bearer = sign_in(email, "a-good-password");
    return c;
  }
  // A device that logs in with the token and reports another template: failed, template_mismatch.
  void fail_with_wrong_template(const std::string& token) const {
    BlynkClient d;
    ASSERT_TRUE(d.connect(endpoint(), tls()));
    ASSERT_EQ(d.login(token), 200);
    d.send_info({{"ver", "1.3.2"}, {"tmpl", "TMPLwrong000"}});
  }
};

TEST_P(ProvisioningReport, AttemptsAreListedWithStepsAndCountedPerTemplate) {
  auto maker = user_client("maker@example.com", "user");
  auto activated = provision(maker);
  auto device = activated_device(activated.token);
  auto failed = provision();
  fail_with_wrong_template(failed.token);
  ASSERT_TRUE(eventually([&] { return state_of(failed.id) == "failed"; }));
  auto pending = provision();

  auto list = api.get("/api/v1/provisioning");
  ASSERT_EQ(list.status, 200) << list.body;
  auto all = list.json();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0]["id"], pending.id);  // newest first
  EXPECT_EQ(all[0]["state"], "pending");
  EXPECT_EQ(all[0]["steps"].size(), 1u);
  EXPECT_EQ(all[0]["steps"][0]["step"], "requested");
  EXPECT_EQ(all[1]["state"], "failed");
  EXPECT_EQ(all[1]["reason"], "template_mismatch");
  ASSERT_EQ(all[1]["steps"].size(), 3u);
  EXPECT_EQ(all[1]["steps"][1]["step"], "connected");
  EXPECT_EQ(all[1]["steps"][2]["step"], "failed");
  EXPECT_EQ(all[2]["state"], "activated");
  EXPECT_EQ(all[2]["requesterEmail"], "maker@example.com");
  EXPECT_EQ(all[2]["steps"].back()["step"], "activated");
  EXPECT_TRUE(all[2].contains("deviceId"));
  EXPECT_FALSE(all[2].contains("token"));

  auto mine = maker.get("/api/v1/provisioning").json();  // a user sees their own attempts only
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["id"], activated.id);
  EXPECT_EQ(api.get("/api/v1/provisioning?limit=1").json().size(), 1u);
  EXPECT_EQ(api.get("/api/v1/provisioning?limit=0").status, 400);
  EXPECT_TRUE(api.get("/api/v1/provisioning?templateId=TMPLother000").json().empty());

  auto stats = api.get("/api/v1/provisioning/stats?templateId=" + template_id);
  ASSERT_EQ(stats.status, 200) << stats.body;
  auto s = stats.json();
  EXPECT_EQ(s["total"], 3);
  EXPECT_EQ(s["activated"], 1);
  EXPECT_EQ(s["failed"], 1);
  EXPECT_EQ(s["expired"], 0);
  EXPECT_DOUBLE_EQ(s["successRate"].get<double>(), 0.5);
  EXPECT_GE(s["medianMs"].get<long>(), 0);
  ASSERT_EQ(s["topReasons"].size(), 1u);
  EXPECT_EQ(s["topReasons"][0]["reason"], "template_mismatch");
  EXPECT_EQ(s["topReasons"][0]["count"], 1);
  EXPECT_EQ(maker.get("/api/v1/provisioning/stats").status, 403);
  EXPECT_EQ(user_client("staff@example.com", "staff").get("/api/v1/provisioning/stats").json()["total"], 3);
}

TEST_P(ProvisioningReport, TheDeviceShowsTheHeartbeatItAnnounced) {
  auto device = activated_device(provision().token);  // announces h-beat 45
  long id = 0;
  ASSERT_TRUE(eventually([&] {
    auto list = api.get("/api/v1/devices").json();
    if (list.empty() || list[0]["heartbeat"] != 45) return false;
    id = list[0]["id"];
    return true;
  }));
  EXPECT_EQ(api.get("/api/v1/devices/" + std::to_string(id)).json()["heartbeat"], 45);
  EXPECT_EQ(api.get("/api/v1/devices?q=lamp").json()[0]["heartbeat"], 45);
}

INSTANTIATE_TEST_SUITE_P(Plain, ProvisioningReport, ::testing::Values(false), transport_name);

}  // namespace
}  // namespace onboard::cloud::test
