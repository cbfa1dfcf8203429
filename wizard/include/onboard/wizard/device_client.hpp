// The wizard's side of the device setup API (Edgent paths, plus Onboard's /connect_status.json),
// spoken over the device's open AP to 192.168.4.1:80. Every call has a deadline; replies
// are read with protocol/setup's readers, the same contract the device writes them with.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "onboard/protocol/setup/config_request.hpp"
#include "onboard/protocol/setup/connect_status.hpp"
#include "onboard/protocol/setup/reason.hpp"
#include "onboard/wizard/failure.hpp"
#include "onboard/wizard/http_client.hpp"
#include "onboard/wizard/secure_session.hpp"

namespace onboard::wizard {

struct DeviceBoardInfo {
  std::string board;  // template name
  std::string tmpl_id;
  std::string fw_type;
  std::string fw_ver;
  std::string ssid;
  std::string bssid;
  std::string mac;
  setup::Reason last_reason = setup::Reason::none;  // Onboard only
  bool wifi_scan = false;
  bool static_ip = false;
  int onboard = 0;       // 0: a plain Edgent device (no /connect_status.json)
  std::string security;  // "spake2p" (secure-only), "open", or empty (older firmware: open)

  bool is_onboard() const { return onboard > 0; }
};

struct DeviceNetwork {
  std::string ssid;
  std::string bssid;
  int rssi = 0;
  std::string sec;  // Edgent's names: OPEN, WPA2, WPA+WPA2, ...
  int channel = 0;
  bool hidden = false;

  bool open() const { return sec == "OPEN"; }
};

struct DeviceConnectStatus {
  setup::ConnectState state = setup::ConnectState::idle;
  setup::Reason reason = setup::Reason::none;  // when failed
};

struct ConfigAnswer {
  enum class Verdict {
    accepted,        // {"status":"ok"}
    maybe_accepted,  // the request was sent but the link dropped before an answer: the device
                     // may have acted on it (it often leaves AP mode at once), so follow up
    rejected,        // HTTP 500 "Configuration invalid"
  } verdict = Verdict::accepted;
  std::string message;
  std::string field;  // Onboard devices name the bad field and rule
  std::string rule;
};

class DeviceClient {
 public:
  static constexpr const char* kDefaultAddress = "192.168.4.1";

  explicit DeviceClient(Endpoint endpoint = Endpoint{kDefaultAddress, 80},
                        std::chrono::milliseconds timeout = std::chrono::seconds(5))
      : endpoint_(std::move(endpoint)), timeout_(timeout) {}

  Result<DeviceBoardInfo> board_info();
  Result<std::vector<DeviceNetwork>> wifi_scan();
  // Sends the query written by protocol/setup (token in `blynk`; a TLS port in `port_ssl`, a
  // plain TCP port in `port`, as the request holds them).
  Result<ConfigAnswer> send_config(const setup::ConfigRequest& request);
  // nullopt: the device has no such endpoint (plain Edgent firmware answers 404).
  Result<std::optional<DeviceConnectStatus>> connect_status();
  Status reset();
  // Every call after this ends early once the token is cancelled.
  void watch(const CancelToken& token) { cancel_ = token; }
  // From now on every request goes sealed through this session (a spake2p device).
  void use_secure_session(std::shared_ptr<SecureSession> session) { secure_ = std::move(session); }
  bool secure() const { return secure_ != nullptr; }

 private:
  Result<std::string> get(const std::string& target, bool allow_404 = false);
  HttpResult send(const HttpRequest& request);

  Endpoint endpoint_;
  std::chrono::milliseconds timeout_;
  std::optional<CancelToken> cancel_;
  std::shared_ptr<SecureSession> secure_;
};

}  // namespace onboard::wizard
