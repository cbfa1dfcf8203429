// The state of one provisioning run, shared by the cloud-side and the device-side steps
// (split over two files to keep each readable). Private to the library.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "onboard/wizard/catalog.hpp"
#include "onboard/wizard/provisioning_session.hpp"

namespace onboard::wizard {

class ProvisioningSession::Runner {
 public:
  Runner(ProvisioningSession& s)
      : cloud_(s.cloud_),
        wifi_(s.wifi_),
        choices_(s.choices_),
        opt_(s.options_),
        listener_(s.listener_),
        device_(opt_.device_endpoint, opt_.device_timeout) {
    cloud_.watch(opt_.cancel);
    wifi_.watch(opt_.cancel);
    device_.watch(opt_.cancel);
  }

  Outcome run();

 private:
  // Emits started/done/failed around `body` and records its time. Returns body's status.
  Status step(Step which, const std::function<Status()>& body);
  void emit(Event event) const;
  // Notes and warnings by catalog key: the event's message is the English text, and a front
  // end shows key and args in its own language.
  void note(Step which, const std::string& key, TextArgs args = {}) const;
  void warn(Step which, const std::string& key, TextArgs args = {});
  static const Catalog& english();
  Outcome finish_failed();
  // Pauses between polls: growing from a tenth of poll_interval up to it, never past
  // `deadline`; `polls` counts them. A cancelled failure when the session is cancelled.
  Status wait_a_little(int& polls, Clock::time_point deadline) const;
  bool cancelled() const { return opt_.cancel.cancelled(); }

  // Cloud side (session_cloud_steps.cpp).
  Status sign_in();
  Status choose_template();
  Status get_token();
  Status follow_activation();
  Status name_device();

  // Device side (session_device_steps.cpp).
  Status find_device();
  Status join_device();
  Status read_board_info();
  // session_secure_step.cpp: SPAKE2+ with a spake2p device, the warning for an open one
  Status secure_setup();
  Status read_device_scan();
  Status choose_network();
  Status ask_password(bool retry);
  Status send_config();
  Status follow_device();
  Status rejoin_home();
  // Leaves the device AP and returns home after a failure, best effort, with notes only.
  void clean_up();
  // After a cloud timeout: if the device's AP is back, ask the device why it gave up.
  std::optional<Failure> ask_device_why();
  // While following the activation, every few seconds: the same question, so a device that
  // gave up its try or restarted without the configuration ends the wait now, not at the
  // deadline. A device still at work (or lingering after success) lets the wait go on.
  std::optional<Failure> look_for_device_back(Clock::time_point& next_look);
  // After the cloud was unreachable: sends the phone home when it is not there, or when it
  // has reached nothing for a while although it is (since: when that began).
  void back_home_if_cut_off(const Failure& failure, std::optional<Clock::time_point>& since);
  // After a device call failed: true when the phone had left the device's AP (as Android
  // does with an AP without internet) and is on it again, so the call is worth repeating.
  bool back_on_device_ap(Step which, const Failure& failure);
  // A reason the device reported, with its sentence and hint about the chosen network.
  Failure device_failure(Reason reason) const;

  CloudClient& cloud_;
  WifiBackend& wifi_;
  CancelToken home_token_;  // the Wi-Fi's token for going home after a cancel
  Choices& choices_;
  const SessionOptions& opt_;
  const EventListener& listener_;
  DeviceClient device_;
  Outcome out_;

  std::vector<Template> templates_;
  std::string template_id_;
  std::string current_name_;
  ProvisioningInfo prov_;
  std::optional<HomeLink> home_;
  std::vector<WifiNetwork> phone_scan_;
  std::string device_ap_;
  bool on_device_ap_ = false;
  DeviceBoardInfo board_;
  std::vector<DeviceNetwork> device_scan_;
  NetworkChoice network_;
  std::optional<DeviceNetwork> entry_;
  std::string password_;
  bool password_rejected_ = false;  // the device said wrong_password for password_
  bool device_committed_ = false;   // the device said activated (its configuration is saved)
};

// The English sentence for a failure reason the device or cloud reported.
std::string message_for(Reason reason, const std::string& ssid);

}  // namespace onboard::wizard
