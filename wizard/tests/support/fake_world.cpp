// The fake device moves joining -> joined -> cloud -> activated over successive status polls,
// and activates the fake cloud session when the configuration holds the right password.
#include "support/fake_world.hpp"

#include <nlohmann/json.hpp>

#include "onboard/protocol/setup/config_request.hpp"

namespace onboard::wizard::testing {

using nlohmann::json;

FakeWorld::FakeWorld(DeviceScript script)
    : script_(std::move(script)),
      cloud_server_([this](const TestRequest& r) { return cloud(r); }),
      device_server_([this](const TestRequest& r) { return device(r); }) {}

CloudClient FakeWorld::cloud_client() const {
  CloudClient c(Endpoint("127.0.0.1", cloud_server_.port()), {}, std::chrono::seconds(5));
  c.set_session(kSessionToken);
  return c;
}

SessionOptions FakeWorld::options() const {
  SessionOptions o;
  o.device_endpoint = Endpoint("127.0.0.1", device_server_.port());
  o.poll_interval = std::chrono::milliseconds(1);
  o.device_search_timeout = std::chrono::milliseconds(200);
  o.device_connect_timeout = std::chrono::seconds(5);
  o.activation_timeout = std::chrono::seconds(5);
  return o;
}

std::vector<std::string> FakeWorld::configs() const {
  std::lock_guard lock(mu_);
  return configs_;
}

int FakeWorld::connect_status_requests() const {
  std::lock_guard lock(mu_);
  return connect_status_requests_;
}

std::uint16_t FakeWorld::cloud_port() const {
  return cloud_server_.port();
}

std::string FakeWorld::renamed_to() const {
  std::lock_guard lock(mu_);
  return renamed_to_;
}

TestResponse FakeWorld::cloud(const TestRequest& r) {
  std::lock_guard lock(mu_);
  if (script_.cloud_reachable != nullptr && !*script_.cloud_reachable) return {0, "", true};
  if (r.method == "POST" && r.path == "/api/v1/login") {
    json body = json::parse(r.body, nullptr, false);
    if (body.value("password", "") != "admin-pass")
      return {401, R"({"error":"wrong e-mail or password"})", false};
    return {200,
            json{{"token", kSessionToken}, {"user", {{"id", 1}, {"email", body.value("email", "")}}}}.dump(),
            false};
  }
  if (r.method == "GET" && r.path == "/api/v1/devices") {
    return {
        200,
        json::array({{{"id", "D1"}, {"name", device_name_}, {"templateId", kTemplateId}, {"online", true}}})
            .dump(),
        false};
  }
  if (r.authorization != std::string("Bearer ") + kSessionToken) {
    return {401, R"({"error":"sign in","reason":"unauthorized"})", false};
  }
  if (r.method == "GET" && r.path == "/api/v1/templates") {
    return {
        200,
        json::array({{{"id", kTemplateId}, {"name", "Lamp"}}, {{"id", "TMPL0002"}, {"name", "Fan"}}}).dump(),
        false};
  }
  if (r.method == "POST" &&
      (r.path == "/api/v1/provisioning" || r.path == "/api/v1/devices/D1/reconfigure")) {
    json body = json::parse(r.body, nullptr, false);
    std::string tmpl =
        body.is_object() && body.contains("templateId") ? body["templateId"].get<std::string>() : kTemplateId;
    return {201,
            json{{"id", "P1"}, {"token", kDeviceToken}, {"templateId", tmpl}, {"state", "pending"}}.dump(),
            false};
  }
  if (r.method == "GET" && r.path == "/api/v1/provisioning/P1") {
    json j{{"id", "P1"}, {"state", cloud_state_}};
    if (cloud_state_ == "activated") j["deviceId"] = "D1";
    if (!cloud_reason_.empty()) j["reason"] = cloud_reason_;
    return {200, j.dump(), false};
  }
  if (r.path == "/api/v1/devices/D1") {
    if (r.method == "PATCH") {
      renamed_to_ = json::parse(r.body)["name"].get<std::string>();
      device_name_ = renamed_to_;
    }
    return {200,
            json{{"id", "D1"}, {"name", device_name_}, {"templateId", kTemplateId}, {"online", true}}.dump(),
            false};
  }
  return {404, R"({"error":"no such thing","reason":"not_found"})", false};
}

TestResponse FakeWorld::device(const TestRequest& r) {
  std::lock_guard lock(mu_);
  if (script_.device_reachable != nullptr && !*script_.device_reachable) return {0, "", true};
  if (r.path == "/board_info.json") {
    json j{{"board", "Lamp"},
           {"tmpl_id", script_.tmpl_id},
           {"fw_type", "Lamp"},
           {"fw_ver", "0.1.0"},
           {"ssid", "Onboard Lamp-ABCD"},
           {"bssid", "02:00:00:00:00:09"},
           {"mac", "02:00:00:00:00:0A"},
           {"last_error", 0},
           {"wifi_scan", true},
           {"static_ip", true}};
    if (script_.onboard) j["onboard"] = 1;
    return {200, j.dump(), false};
  }
  if (r.path == "/wifi_scan.json") {
    std::string body = "[";
    const bool without_home = script_.scans_without_home > 0;
    if (without_home) --script_.scans_without_home;
    for (std::size_t i = 0; i < script_.scan_json_entries.size(); ++i) {
      if (without_home && script_.scan_json_entries[i].find(R"("ssid":"Home")") != std::string::npos)
        continue;
      body += (body.size() > 1 ? "," : "") + script_.scan_json_entries[i];
    }
    return {200, body + "]", false};
  }
  if (r.path == "/config") {
    configs_.push_back(r.query);
    setup::ConfigRequest req;
    if (!setup::parse_config_query(r.query, req)) {
      return {500, R"({"status":"error","msg":"Configuration invalid"})", false};
    }
    bool right = req.password_view() == script_.home_password && req.ssid_view() == "Home";
    const bool away = right && script_.passing_failures > 0;
    if (away) --script_.passing_failures;
    device_state_ = right && !away ? "joining" : "failed";
    device_reason_ = away ? "network_not_found" : right ? "" : "wrong_password";
    status_polls_ = 0;
    if (right) {
      cloud_state_ = script_.cloud_failure.empty() ? "activated" : "failed";
      cloud_reason_ = script_.cloud_failure;
    }
    if (script_.drop_config) return {200, "", true};
    return {200, R"({"status":"ok","msg":"Trying to connect..."})", false};
  }
  if (r.path == "/connect_status.json") {
    ++connect_status_requests_;
    if (!script_.onboard) return {404, "not found", false};
    const bool joining = device_state_ != "idle" && device_state_ != "failed";
    if (script_.drop_ap_after_config && joining) return {200, "", true};
    if (script_.restart_after_config && joining) {
      device_state_ = "idle";
      cloud_state_ = "pending";
      return {200, "", true};
    }
    if (script_.ap_drops_after_config > 0 && joining) {
      --script_.ap_drops_after_config;
      return {200, "", true};
    }
    if (device_state_ != "failed" && device_state_ != "idle" && ++status_polls_ >= 3) {
      device_state_ = script_.cloud_failure.empty() ? "activated" : "failed";
      device_reason_ = script_.cloud_failure;
    }
    json j{{"state", device_state_}};
    if (!device_reason_.empty()) j["reason"] = device_reason_;
    return {200, j.dump(), false};
  }
  return {404, "not found", false};
}

Status FakeWifi::join(const std::string& ssid, const std::string& password) {
  (void)password;
  auto it =
      std::find_if(networks.begin(), networks.end(), [&](const WifiNetwork& n) { return n.ssid == ssid; });
  if (it == networks.end()) return fail(Reason::network_not_found, "no " + ssid);
  joins.push_back(ssid);
  current_ssid = ssid;
  return Done{};
}

}  // namespace onboard::wizard::testing
