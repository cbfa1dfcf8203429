// The wizard's side of the onboard-cloud REST API (interfaces.md): sign in, templates,
// provisioning sessions, devices. JSON over HTTP(S) with a bearer session token.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "onboard/wizard/failure.hpp"
#include "onboard/wizard/http_client.hpp"

namespace onboard::wizard {

struct Template {
  std::string id;
  std::string name;
};

struct LoginResult {
  std::string token;
  std::string user_id;
  std::string email;
  std::string role;
};

// States: pending, connected, activated, failed, expired.
struct ProvisioningInfo {
  std::string id;
  std::string token;  // only in the answer that creates the session
  std::string template_id;
  std::string state;
  std::string device_id;
  std::string reason;
  std::string expires_at;
  bool device_notified = false;  // reconfigure: the online device was told to open its AP
};

struct DeviceInfo {
  std::string id;
  std::string name;
  std::string template_id;
  bool online = false;
  std::string last_seen;
  std::string activated_at;
  std::string owner_id;
  std::string firmware;
};

struct FirmwareInfo {
  std::string id;
  std::string template_id;
  std::string version;
  std::string build;
  std::string sha256;
  long long size = 0;
};

// A device's place in a shipment: pending, request_sent, downloading, downloaded,
// success, failed, rollback, download_limit_reached.
struct ShipmentDevice {
  std::string device_id;
  std::string status;
  int progress = -1;  // percent while downloading, else -1
  long long bytes_served = 0;
  std::string reason;
};

struct ShipmentInfo {
  std::string id;
  std::string state;  // running, done
  std::string version;
  std::vector<ShipmentDevice> devices;
};

class CloudClient {
 public:
  CloudClient(Endpoint endpoint, std::string base_path = {},
              std::chrono::milliseconds timeout = std::chrono::seconds(10))
      : endpoint_(std::move(endpoint)), base_path_(std::move(base_path)), timeout_(timeout) {}

  void set_session(std::string token) { session_ = std::move(token); }
  const std::string& session() const { return session_; }
  const Endpoint& endpoint() const { return endpoint_; }
  // Every call after this ends early once the token is cancelled.
  void watch(const CancelToken& token) { cancel_ = token; }

  Result<LoginResult> login(const std::string& email, const std::string& password);
  Result<std::vector<Template>> templates();
  Result<Template> create_template(const std::string& name);
  Result<ProvisioningInfo> start_provisioning(const std::string& template_id);
  Result<ProvisioningInfo> start_reconfigure(const std::string& device_id);
  Result<ProvisioningInfo> provisioning(const std::string& id);
  Result<std::vector<DeviceInfo>> devices();
  Result<DeviceInfo> device(const std::string& id);
  Result<DeviceInfo> rename_device(const std::string& id, const std::string& name);
  // Firmware updates: an image file's bytes for a template, shipments of it to devices.
  Result<FirmwareInfo> upload_firmware(const std::string& template_id, const std::string& image);
  Result<ShipmentInfo> ship(const std::string& firmware_id, const std::vector<std::string>& device_ids,
                            const std::string& condition);
  Result<ShipmentInfo> shipment(const std::string& id);

 private:
  // POSTs what opens a provisioning session (new device or reconfigure); its answer carries the token.
  Result<ProvisioningInfo> open_session(const std::string& path, const std::string& body);
  // Sends a JSON request; the Failure carries the cloud's `reason` when it gave one.
  Result<std::string> call(const std::string& method, const std::string& path, const std::string& body,
                           int expected_status, const std::string& content_type = "application/json");

  Endpoint endpoint_;
  std::string base_path_;
  std::chrono::milliseconds timeout_;
  std::string session_;
  std::optional<CancelToken> cancel_;
};

}  // namespace onboard::wizard
