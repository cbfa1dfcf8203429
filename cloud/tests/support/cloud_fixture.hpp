// A running server with an admin signed in and one template, plus helpers to
// provision and activate devices. Parameterised over plain and TLS.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "support/blynk_client.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace onboard::cloud::test {

// Polls cond until it holds or the deadline passes: tests wait for what they
// assert, never for a fixed time.
template <typename Cond>
bool eventually(Cond cond, std::chrono::milliseconds deadline = std::chrono::seconds(5)) {
  const auto end = std::chrono::steady_clock::now() + deadline;
  while (!cond()) {
    if (std::chrono::steady_clock::now() >= end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

struct Provisioned {
  long id = 0;
  std::string token;
};

class CloudTest : public ::testing::TestWithParam<bool> {
 protected:
  // Extra `serve` flags for a test suite.
  virtual std::vector<std::string> serve_flags() const { return {}; }

  void SetUp() override {
    ASSERT_EQ(server.add_user("admin@example.com", "admin-password", "admin"), 0);
    ASSERT_TRUE(server.start(serve_flags())) << server.log();
    api = client();
    api.bearer = sign_in("admin@example.com", "admin-password");
    ASSERT_FALSE(api.bearer.empty());
    auto t = api.post("/api/v1/templates", {{"name", "Lamp"}});
    ASSERT_EQ(t.status, 201) << t.body;
    template_id = t.json()["id"];
  }

  bool tls() const { return GetParam(); }
  std::string endpoint() const { return tls() ? server.tls() : server.plain(); }
  HttpClient client() const { return HttpClient{endpoint(), tls(), {}}; }

  std::string sign_in(const std::string& email, const std::string& password) const {
    auto r = client().post("/api/v1/login", {{"email", email}, {"password", password}});
    return r.status == 200 ? r.json()["token"].get<std::string>() : std::string();
  }

  Provisioned provision(const HttpClient& as) const {
    auto r = as.post("/api/v1/provisioning", {{"templateId", template_id}});
    EXPECT_EQ(r.status, 201) << r.body;
    auto j = r.json();
    return Provisioned{j.value("id", 0L), j.value("token", std::string())};
  }
  Provisioned provision() const { return provision(api); }

  std::string state_of(long session_id) const {
    return api.get("/api/v1/provisioning/" + std::to_string(session_id)).json().value("state", std::string());
  }

  // Connects, logs in and sends info with the template: an activated, online device.
  std::unique_ptr<BlynkClient> activated_device(const std::string& token,
                                                const std::string& buff_in = "1024") const {
    auto d = std::make_unique<BlynkClient>();
    EXPECT_TRUE(d->connect(endpoint(), tls()));
    EXPECT_EQ(d->login(token), 200);
    const auto id = d->send_info({{"ver", "1.3.2"},
                                  {"h-beat", "45"},
                                  {"buff-in", buff_in},
                                  {"dev", "ESP32"},
                                  {"tmpl", template_id},
                                  {"fw", "1.0.0"}});
    EXPECT_EQ(d->wait_response(id), 200);
    return d;
  }

  ServerProcess server;
  HttpClient api;
  std::string template_id;
};

inline std::string transport_name(const ::testing::TestParamInfo<bool>& info) {
  return info.param ? "tls" : "plain";
}

}  // namespace onboard::cloud::test
