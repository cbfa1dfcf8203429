// The inside of Device: every unit of the core wired together, with all their
// storage inline (no heap). Device is its public face; tests may use it directly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onboard/device/access_point.hpp"
#include "onboard/device/ap_name.hpp"
#include "onboard/device/button.hpp"
#include "onboard/device/capacities.hpp"
#include "onboard/device/captive_dns.hpp"
#include "onboard/device/cloud_client.hpp"
#include "onboard/device/config_store.hpp"
#include "onboard/device/extension.hpp"
#include "onboard/device/hal/hal.hpp"
#include "onboard/device/indicator.hpp"
#include "onboard/device/log.hpp"
#include "onboard/device/network_config.hpp"
#include "onboard/device/pin_value.hpp"
#include "onboard/device/provisioning.hpp"
#include "onboard/device/secure_setup.hpp"
#include "onboard/device/settings.hpp"
#include "onboard/device/setup_request.hpp"
#include "onboard/device/setup_server.hpp"
#include "onboard/device/state.hpp"
#include "onboard/protocol/setup/config_request.hpp"
#include "onboard/protocol/setup/connect_status.hpp"
#include "onboard/protocol/setup/reason.hpp"

namespace onboard::device {

struct Callbacks {
  void (*pin_write)(void*, const PinWrite&) = nullptr;
  void* pin_write_user = nullptr;
  void (*pin_read)(void*, std::uint8_t) = nullptr;
  void* pin_read_user = nullptr;
  void (*connected)(void*) = nullptr;
  void* connected_user = nullptr;
  void (*disconnected)(void*) = nullptr;
  void* disconnected_user = nullptr;
  void (*state_change)(void*, State, State) = nullptr;
  void* state_change_user = nullptr;
  void (*button_press)(void*) = nullptr;
  void* button_press_user = nullptr;
};

// Body codes of the setup replies (Reply::body).
inline constexpr std::uint8_t kBodyText = 0;
inline constexpr std::uint8_t kBodyScan = 1;
inline constexpr std::uint8_t kBodyPage = 2;
inline constexpr std::uint8_t kBodyBoardInfo = 3;
inline constexpr std::uint8_t kBodyConfigOk = 4;
inline constexpr std::uint8_t kBodyConfigError = 5;
inline constexpr std::uint8_t kBodyReboot = 6;
inline constexpr std::uint8_t kBodyConnectStatus = 7;
inline constexpr std::uint8_t kBodyRedirect = 8;
inline constexpr std::uint8_t kBodyPake = 9;     // SecureSetup::json()
inline constexpr std::uint8_t kBodySecure = 10;  // SecureSetup::sealed() as {"n":..,"c":..}

class DeviceCore final : private SetupHandler,
                         private CloudListener,
                         private ProvisioningEvents,
                         private CoreLink {
 public:
  DeviceCore(const Settings& settings, const hal::Hal& hal);
  DeviceCore(const DeviceCore&) = delete;
  DeviceCore& operator=(const DeviceCore&) = delete;

  void begin();
  void run();
  std::uint64_t next_wakeup_ms() const;

  Callbacks& callbacks() { return callbacks_; }
  bool send_pin_values(std::uint8_t pin, const PinValue* values, std::size_t count) {
    return cloud_.send_pin_values("vw", pin, values, count);
  }
  bool send_sync(const std::uint8_t* pins, std::size_t count) { return cloud_.send_sync(pins, count); }
  bool send_event(std::string_view code, std::string_view description) {
    return cloud_.send_event(code, description);
  }
  void button_interrupt() { button_edge_ = true; }
  // The OTA updater (or null); it must outlive the core.
  void attach(CoreExtension* extension) { extension_ = extension; }

  void reset_config();
  void start_config_mode();
  void restart() override;
#if ONBOARD_SECURE_SETUP
  // Secure-only setup from now on (call before begin()); false for an invalid verifier.
  bool enable_secure_setup(hal::Crypto& crypto, const SetupVerifier& verifier) {
    return secure_.enable(crypto, verifier);
  }
#endif

  State state() const {
    return state_;
  }
  bool connected() const {
    return state_ == State::Running && cloud_.ready();
  }
  bool ap_active() const {
    return ap_.up();
  }
  std::string_view ap_name() const {
    return {ap_name_, ap_name_len_};
  }
  setup::ConnectStatus connect_status() const {
    return provisioning_.connect_status();
  }
  setup::Reason last_reason() const {
    return provisioning_.last_reason();
  }
  bool has_saved_config() const {
    return provisioning_.has_saved();
  }

 private:
  // device_core.cpp
  void set_state(State next);
  void open_ap(AccessPoint::Mode why = AccessPoint::Mode::setup);
  void close_ap();
  void poll_button(std::uint64_t now);
  void poll_scan(std::uint64_t now);
  void request_scan(std::uint64_t now);
  void do_reset();
  // ProvisioningEvents: what the device does around the state machine
  void on_state(State next) override {
    set_state(next);
  }
  void on_online(bool committed) override;
  void on_offline() override;
  void on_setup_needed() override {
    open_ap();
  }
  // setup_api.cpp (SetupHandler)
  Reply handle(const HttpRequestParser& request) override;
  Reply route(const SetupRequest& request, bool in_session);
  // setup_secure_api.cpp: /pake/* and /secure, when secure setup is built in
  bool handle_secure(const HttpRequestParser& request, Reply& reply);
  bool refuse_in_clear(std::string_view path, Reply& reply);
  void render_secure_body(const Reply& reply, ReplySink& sink);
  void secure_sent(const Reply& reply);
  Reply error(int status) override;
  void render_headers(const Reply& reply, ReplySink& sink) override;
  void render_body(const Reply& reply, ReplySink& sink) override;
  void sent(const Reply& reply) override;
  // setup_page.cpp
  void render_page(ReplySink& sink) const;
  // cloud_events.cpp (CloudListener)
  void on_pin_write(const PinWrite& write) override;
  void on_pin_read(std::uint8_t pin) override;
  void on_pin_command(const blynk::Fields& fields) override;
  void on_debug_command(std::string_view command) override;
  void on_internal(std::string_view body) override;
  // CoreLink, for the extension (restart() is public above)
  bool cloud_ready() const override {
    return connected();
  }
  bool send_internal(std::string_view body) override {
    return cloud_.send_internal(body);
  }

  const Settings& settings_;
  const hal::Hal& hal_;
  Log log_;
  ConfigStore store_;
  CloudClient cloud_;
  SetupServer server_;
  CaptiveDns dns_;
  Button button_;
  Indicator indicator_;
  Callbacks callbacks_;
  CoreExtension* extension_ = nullptr;
#if ONBOARD_SECURE_SETUP
  SecureSetup secure_;
  Reply inner_reply_;  // the handler's reply inside the last /secure answer
#endif

  State state_ = State::WaitConfig;
  char ap_name_[kApNameMax] = {};
  std::size_t ap_name_len_ = 0;
  bool began_ = false;
  AccessPoint ap_;
  volatile bool button_edge_ = false;

  ScanList scan_;
  Provisioning provisioning_;
  bool sent_hotspot_name_ = false;

  // Deferred until the reply that asked for them is sent.
  bool reset_requested_ = false;
  bool restart_requested_ = false;

  std::uint64_t scan_time_ = 0;
  bool scan_wanted_ = false;
  bool scan_started_ = false;
};

}  // namespace onboard::device
