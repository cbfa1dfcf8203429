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
    resends_left_ = opt_.config_resends;
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
  // `again`: once more, to a device that lost it (no notes about the endpoint this time).
  Status send_config(bool again = false);
  Status follow_device();
  Status rejoin_home();
  // Leaves the device AP and returns home after a failure, best effort, with notes only.
  void clean_up();
  // After a cloud timeout: if the device's AP is back, ask the device why it gave up.
  // `may_resend`: a device that restarted without the configuration gets it again (while
  // resends are left) and is followed again, instead of ending with device_restarted.
  std::optional<Failure> ask_device_why(bool may_resend = false);
  // While following the activation, every few seconds: the same question, so a device that
  // gave up its try or restarted without the configuration ends the wait now, not at the
  // deadline. A device still at work (or lingering after success) lets the wait go on.
  std::optional<Failure> look_for_device_back(Clock::time_point& next_look);
  // After the cloud was unreachable: sends the phone home when it is not there, or when it
  // has reached nothing for a while although it is (since: when that began).
  void back_home_if_cut_off(const Failure& failure, std::optional<Clock::time_point>& since);
  // session_networks.cpp: keeping the phone on the network each call needs.
  enum class Net { home, device_ap };
  // Runs `call`; while it fails for want of its network (the phone fell off home or the
  // device's AP: Android leaving an AP without internet, a router or board restarting, an AP
  // changing channel), gets the phone back on it and runs it again, for up to
  // opt_.rejoin_timeout after the first failure. Any other failure is returned at once.
  template <class Call>
  auto keep_on(Net net, Step which, Call&& call) -> decltype(call()) {
    auto result = call();
    if (result) return result;
    Regain regain{Clock::now() + opt_.rejoin_timeout, Clock::now() + kOnNetworkPatience[net == Net::home]};
    while (!result && worth_again(net, which, result.failure(), regain)) result = call();
    return result;
  }
  struct Regain {
    Clock::time_point until;        // give up then
    Clock::time_point patient_til;  // on the network all along: retry until then
    bool rejoined = false;          // the phone was off it and is back
    bool noted = false;
    int polls = 0;
  };
  // A device that fails while the phone never left its AP has a real problem; a cloud that
  // fails while the phone is home may be restarting, or the router coming back.
  static constexpr std::chrono::seconds kOnNetworkPatience[2] = {std::chrono::seconds(0),
                                                                 std::chrono::seconds(10)};
  // True when the call is worth repeating now (the phone is on the network again).
  bool worth_again(Net net, Step which, const Failure& failure, Regain& regain);
  // The phone's network when the session starts: where it goes back to.
  void remember_home();
  // Joins home, with the password a backend without a profile needs.
  Status join_home();
  // Runs `join` until it works, a failure other than the network's absence, or
  // opt_.rejoin_timeout (an AP away for a moment: a board restarting, a router off).
  Status join_again(const std::function<Status()>& join);
  // A device's failure that may only mean its network or the cloud was away for a moment.
  static bool passing(Reason reason);
  // Whether what `reason` missed is back (the phone hears the network again; for the cloud,
  // after a short pause), within the step's deadline and opt_.rejoin_timeout.
  bool back_again(Reason reason, Clock::time_point deadline);
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
  int resends_left_ = 0;            // to a device that lost the configuration (config_resends)
  bool retried_failure_ = false;    // the one more try after a passing failure was made
};

// A failure that may only mean the phone is off the network the call needs (a transport or
// Wi-Fi failure), as opposed to an answer.
bool lost_network(Reason reason);

// The English sentence for a failure reason the device or cloud reported.
std::string message_for(Reason reason, const std::string& ssid);

}  // namespace onboard::wizard
