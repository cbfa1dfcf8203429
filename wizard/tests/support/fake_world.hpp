// A scripted world for session tests: a fake cloud and a fake device, each behind a real
// local HTTP server, and a fake phone radio. The device parses /config with protocol/setup's
// real parser, so wizard and device are checked against the same rules.
#pragma once

#include <atomic>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "onboard/wizard/provisioning_session.hpp"
#include "support/test_http_server.hpp"

namespace onboard::wizard::testing {

inline constexpr const char* kTemplateId = "TMPL0001";
inline constexpr const char* kSessionToken = "session-token";
inline constexpr const char* kDeviceToken = "AbCdEfGhIjKlMnOpQrStUvWxYz012345";

struct DeviceScript {
  std::string tmpl_id = kTemplateId;
  bool onboard = true;  // false: plain Edgent (no `onboard` key, no /connect_status.json)
  std::vector<std::string> scan_json_entries = {
      R"({"ssid":"Home","bssid":"02:00:00:00:00:01","rssi":-45,"sec":"WPA2","ch":6})",
      R"({"ssid":"Cafe","bssid":"02:00:00:00:00:02","rssi":-70,"sec":"OPEN","ch":1})"};
  std::string home_password = "correct-horse";
  bool drop_ap_after_config = false;  // /connect_status.json drops once a good config is in
  int ap_drops_after_config = 0;      // ... only this many times (the AP changed channel)
  bool drop_config = false;           // /config is read but never answered
  std::string cloud_failure;          // the cloud session fails with this reason
  int scans_without_home = 0;         // the first scans predate the home network
  bool restart_after_config = false;  // loses power once a good config is in: drops, then idle
  int passing_failures = 0;           // the first good configs fail with network_not_found (router away)
  // While set and false, the device (or the cloud) drops every connection unanswered: the
  // phone is off its AP (or off home). Flags owned by the test, read by the server threads.
  const std::atomic<bool>* device_reachable = nullptr;
  const std::atomic<bool>* cloud_reachable = nullptr;
};

class FakeWorld {
 public:
  explicit FakeWorld(DeviceScript script = {});

  CloudClient cloud_client() const;
  SessionOptions options() const;

  // What the device received, in order (raw queries).
  std::vector<std::string> configs() const;
  int connect_status_requests() const;
  std::string renamed_to() const;
  std::uint16_t cloud_port() const;

 private:
  TestResponse cloud(const TestRequest& r);
  TestResponse device(const TestRequest& r);

  mutable std::mutex mu_;
  DeviceScript script_;
  std::vector<std::string> configs_;
  std::string device_state_ = "idle";
  std::string device_reason_;
  int status_polls_ = 0;
  int connect_status_requests_ = 0;
  std::string cloud_state_ = "pending";
  std::string cloud_reason_;
  std::string device_name_ = "Lamp";
  std::string renamed_to_;
  TestHttpServer cloud_server_;
  TestHttpServer device_server_;
};

class FakeWifi : public WifiBackend {
 public:
  std::vector<WifiNetwork> networks = {
      {"Home", "02:00:00:00:00:01", -45, 6, Band::ghz24, "WPA2"},
      {"Home5G", "02:00:00:00:00:03", -40, 36, Band::ghz5, "WPA2"},
      {"Onboard Lamp-ABCD", "02:00:00:00:00:09", -50, 1, Band::ghz24, "OPEN"},
  };
  std::string current_ssid = "Home";
  std::vector<std::string> joins;  // every join, in order
  bool refuse_home = false;
  int scans_before_device_ap = 0;  // the device's AP is heard from this scan on (0: the first)
  int scans = 0;

  Result<std::vector<WifiNetwork>> scan() override {
    if (scans++ >= scans_before_device_ap) return networks;
    std::vector<WifiNetwork> without_device;
    for (const auto& n : networks) {
      if (n.ssid.rfind("Onboard ", 0) != 0) without_device.push_back(n);
    }
    return without_device;
  }
  Status join(const std::string& ssid, const std::string& password) override;
  Status leave() override {
    current_ssid.clear();
    return Done{};
  }
  Result<std::optional<HomeLink>> current() override {
    if (current_ssid.empty()) return std::optional<HomeLink>();
    return std::optional<HomeLink>(HomeLink{current_ssid, "uuid-home"});
  }
  std::vector<std::string> rejoin_passwords;
  Status rejoin(const HomeLink& home, const std::string& password) override {
    rejoin_passwords.push_back(password);
    if (refuse_home) return fail(Reason::wifi_error, "radio off");
    joins.push_back(home.ssid);
    current_ssid = home.ssid;
    return Done{};
  }
};

// Answers from fields; password retries come from a queue.
class ScriptedChoices : public Choices {
 public:
  std::optional<std::string> template_id;
  std::optional<std::string> device;
  std::optional<NetworkChoice> network;
  std::deque<std::string> passwords;
  std::optional<std::string> name;
  int password_questions = 0;

  std::optional<std::string> choose_template(const std::vector<Template>&) override { return template_id; }
  std::optional<std::string> choose_device(const std::vector<WifiNetwork>&) override { return device; }
  std::optional<NetworkChoice> choose_network(const std::vector<DeviceNetwork>&) override { return network; }
  std::optional<std::string> password(const std::string&, const DeviceNetwork*, bool) override {
    ++password_questions;
    if (passwords.empty()) return std::nullopt;
    std::string p = passwords.front();
    passwords.pop_front();
    return p;
  }
  std::optional<std::string> device_name(const std::string&) override { return name; }
};

}  // namespace onboard::wizard::testing
