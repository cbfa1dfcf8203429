// Drives one device from "fresh board" to "activated, online, named" (or reconfigures one),
// the way the phone app does, reporting every step as an Event and ending with an Outcome.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "onboard/wizard/cancel.hpp"
#include "onboard/wizard/cloud_client.hpp"
#include "onboard/wizard/device_client.hpp"
#include "onboard/wizard/network_rules.hpp"
#include "onboard/wizard/session_events.hpp"
#include "onboard/wizard/wifi_backend.hpp"

namespace onboard::wizard {

struct NetworkChoice {
  std::string ssid;
  bool hidden = false;  // typed by the user, not in the device's scan
};

// The questions a session may ask. A scripted caller answers from its options, or returns
// nullopt, which ends the session with reason `missing_choice`.
class Choices {
 public:
  virtual ~Choices() = default;
  virtual std::optional<std::string> choose_template(const std::vector<Template>& templates) = 0;
  virtual std::optional<std::string> choose_device(const std::vector<WifiNetwork>& device_aps) = 0;
  virtual std::optional<NetworkChoice> choose_network(const std::vector<DeviceNetwork>& networks) = 0;
  // `retry`: the device said the previous password was wrong.
  virtual std::optional<std::string> password(const std::string& ssid, const DeviceNetwork* entry,
                                              bool retry) = 0;
  // Empty keeps the name the cloud gave (the template name).
  virtual std::optional<std::string> device_name(const std::string& current) = 0;
  // A secure-only device asks for the 8-digit code on its label; nullopt: none known.
  virtual std::optional<std::string> setup_code(const std::string& device_ap) {
    (void)device_ap;
    return std::nullopt;
  }
};

struct SessionOptions {
  std::string reconfigure_device_id;  // non-empty: reconfigure this device instead of adding one
  std::optional<std::string> template_id;
  std::optional<std::string> device_ssid;
  std::optional<NetworkChoice> network;
  std::optional<std::string> password;
  std::optional<std::string> name;
  // Secure setup: the code on the device's label (--setup-code, or from --qr), and whether
  // to refuse a device whose setup is open (clear text) instead of only warning.
  std::optional<std::string> setup_code;
  bool require_secure = false;
  std::vector<std::string> device_prefixes = kDefaultDevicePrefixes;

  // What the device should connect to; empty/0/nullopt: derived from the cloud endpoint
  // (see device_cloud_endpoint).
  std::string cloud_host;
  std::uint16_t cloud_port = 0;
  std::optional<bool> cloud_tls;  // true: TLS (`port_ssl`); false: plain TCP (`port`)

  Endpoint device_endpoint{DeviceClient::kDefaultAddress, 80};
  std::chrono::milliseconds device_timeout = std::chrono::seconds(5);
  std::chrono::milliseconds poll_interval = std::chrono::milliseconds(500);
  // How long to keep scanning for the device's AP: a device told to reconfigure by the
  // cloud, or just powered on, opens it a moment later.
  std::chrono::milliseconds device_search_timeout = std::chrono::seconds(15);
  std::chrono::milliseconds device_connect_timeout = std::chrono::seconds(120);
  std::chrono::milliseconds activation_timeout = std::chrono::seconds(120);
  // How long the wizard keeps getting the phone back onto a network it fell off (home for the
  // cloud, the device's AP for the device) and repeating the call that failed for it.
  std::chrono::milliseconds rejoin_timeout = std::chrono::seconds(30);
  int password_retries = 3;
  // How often the configuration is sent again to a device that shows none after it took it
  // (it restarted before saving it, or never got it), before device_restarted.
  int config_resends = 2;
  std::string home_password;  // to rejoin the wizard's own network when the backend kept no profile

  // Cancelling it (from any thread) ends every wait at once: the session goes back to the
  // home network and ends with Reason::cancelled at the step it was in.
  CancelToken cancel;
};

// Where the device should connect, as sent in /config. Host and port: the options', else the
// cloud server's (the cloud serves devices on the same ports as its REST API). Transport: the
// options' cloud_tls; else TLS for a cloud_port of the options' own; else the server URL's
// scheme (https: TLS, http: plain TCP). TLS goes out as Edgent's `port_ssl`, plain TCP as
// `port`; the device takes its transport from the key.
struct DeviceCloudEndpoint {
  std::string host;
  std::uint16_t port = 0;
  bool tls = true;
};
DeviceCloudEndpoint device_cloud_endpoint(const SessionOptions& options, const Endpoint& server);

struct StepTiming {
  Step step;
  std::chrono::milliseconds elapsed;
};

struct Outcome {
  bool ok = false;
  std::string device_id;
  std::string device_name;
  std::optional<Step> step;  // the step that failed
  Failure failure;
  std::vector<StepTiming> timings;
  std::vector<std::string> warnings;
};

class ProvisioningSession {
 public:
  ProvisioningSession(CloudClient& cloud, WifiBackend& wifi, Choices& choices, SessionOptions options,
                      EventListener listener = {});
  Outcome run();

 private:
  class Runner;
  CloudClient& cloud_;
  WifiBackend& wifi_;
  Choices& choices_;
  SessionOptions options_;
  EventListener listener_;
};

}  // namespace onboard::wizard
