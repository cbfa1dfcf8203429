// A whole world for one scenario: onboard-air with a home network and a phone, onboard-cloud
// in the internet host with an admin and a template, boards running onboard-device, and the
// wizard run in the phone. Everything is removed when the harness goes away.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace onboard::e2e {

// Polls check() until it holds or the deadline passes (never a fixed sleep).
bool eventually(const std::function<bool()>& check, std::chrono::seconds timeout = std::chrono::seconds(60));

struct CommandResult {
  int code = -1;
  std::string out;
  std::string err;
};

// Why the scenarios cannot run here (not root, a program not built), or empty.
std::string missing_prerequisite();

class World {
 public:
  World();
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  // Runs a program from the build's bin directory (or PATH) with a deadline.
  CommandResult run(std::vector<std::string> argv, std::chrono::seconds timeout = std::chrono::seconds(60));
  CommandResult air(std::vector<std::string> args, std::chrono::seconds timeout = std::chrono::seconds(60));

  // Cloud REST from the internet host (curl), signed in as the admin.
  nlohmann::json rest(const std::string& method, const std::string& path, const std::string& body = {});

  const std::string& template_id() const { return template_id_; }
  std::string server_url() const { return "http://10.99.0.2:" + std::to_string(cloud_port_); }
  int tls_port() const { return cloud_tls_port_; }
  // The cloud's self-signed certificate (its SAN holds 10.99.0.2): a board's --cloud-ca.
  std::string cloud_certificate() const { return dir_ + "/cloud/tls/cert.pem"; }
  const std::string& run_dir() const { return dir_; }

  // Powers on a board running onboard-device for the template; `extra` goes to onboard-device.
  void add_board(const std::string& name, const std::vector<std::string>& extra = {});
  // The same for another template (id and exact name).
  void add_board_for(const std::string& name, const std::string& template_id,
                     const std::string& template_name, const std::vector<std::string>& extra = {});
  // The board's serial monitor so far, and its program's process id (0 when off).
  std::string board_log(const std::string& name);
  int board_pid(const std::string& name);
  // The device as GET /api/v1/devices/{id} shows it (null when unknown).
  nlohmann::json device(const std::string& device_id);
  // Waits until the phone hears an AP whose name starts with `prefix`; returns its SSID.
  std::optional<std::string> wait_for_device_ap(const std::string& prefix = "Onboard ",
                                                std::chrono::seconds timeout = std::chrono::seconds(30));
  // `onboard add-device ... --yes --json --wifi air` in the phone; the parsed JSON (or null).
  nlohmann::json wizard(std::vector<std::string> args, CommandResult* raw = nullptr);

  static constexpr const char* kHomePassword = "home-secret-1";
  static constexpr const char* kAdminEmail = "admin@example.com";
  static constexpr const char* kAdminPassword = "admin-pass-123";
  static constexpr const char* kOfficePassword = "office-secret-2";

 private:
  void start_cloud();
  std::string dir_;
  std::string bin_;
  pid_t cloud_pid_ = -1;
  int cloud_port_ = 0;
  int cloud_tls_port_ = 0;
  std::string admin_token_;
  std::string template_id_;
};

}  // namespace onboard::e2e
