// The Onboard device: Edgent-compatible provisioning, the cloud connection and
// the button/LED, driven by run() from the sketch's loop. The public API of the SDK.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onboard/device/board.hpp"
#include "onboard/device/device_core.hpp"
#include "onboard/device/hal/hal.hpp"
#include "onboard/device/pin_value.hpp"
#include "onboard/device/settings.hpp"
#include "onboard/device/state.hpp"

namespace onboard::device {

using Handler = void (*)(void* user);
using PinWriteHandler = void (*)(void* user, const PinWrite& write);
// The cloud asks for a virtual pin's value (vr): answer with virtual_write().
using PinReadHandler = void (*)(void* user, std::uint8_t pin);
using StateHandler = void (*)(void* user, State from, State to);

class Device {
 public:
  // settings and hal must outlive the Device. Nothing happens until begin().
  Device(const Settings& settings, const hal::Hal& hal);
  Device(const Device&) = delete;
  Device& operator=(const Device&) = delete;

  // Reads the saved configuration and starts: AP mode when there is none,
  // otherwise joining the saved network. Call once.
  void begin();
  // Does whatever is due now and returns at once. Call it in the loop.
  void run();
  // The clock time (hal::Clock) by which run() should be called again; a port may
  // sleep until then or until a socket is ready, whichever comes first.
  std::uint64_t next_wakeup_ms() const;

  // Callbacks (null to remove); `user` is passed back unchanged.
  void on_virtual_write(PinWriteHandler handler, void* user = nullptr);
  void on_virtual_read(PinReadHandler handler, void* user = nullptr);
  void on_connected(Handler handler, void* user = nullptr);
  void on_disconnected(Handler handler, void* user = nullptr);
  void on_state_change(StateHandler handler, void* user = nullptr);
  void on_button_press(Handler handler, void* user = nullptr);  // a short press

  // To the cloud. Each returns false when not connected, over the rate limit
  // (Settings::messages_per_second) or when the message does not fit.
  template <typename... Values>
  bool virtual_write(std::uint8_t pin, const Values&... values) {
    static_assert(sizeof...(Values) > 0, "virtual_write needs a value");
    const PinValue list[] = {PinValue(values)...};
    return core_.send_pin_values(pin, list, sizeof...(Values));
  }
  template <typename... Pins>
  bool sync_virtual(Pins... pins) {
    static_assert(sizeof...(Pins) > 0, "sync_virtual needs a pin");
    const std::uint8_t list[] = {static_cast<std::uint8_t>(pins)...};
    return core_.send_sync(list, sizeof...(Pins));
  }
  bool log_event(std::string_view code, std::string_view description = {});

  // Edgent/Blynk spellings, so ported sketches keep compiling.
  template <typename... Values>
  bool virtualWrite(std::uint8_t pin, const Values&... values) {
    return virtual_write(pin, values...);
  }
  template <typename... Pins>
  bool syncVirtual(Pins... pins) {
    return sync_virtual(pins...);
  }
  bool logEvent(std::string_view code, std::string_view description = {}) {
    return log_event(code, description);
  }

  // From the port's interrupt handler for the button pin (interrupt boards only).
  // Only sets a flag: safe in an ISR.
  void button_interrupt() { core_.button_interrupt(); }

  // Over-the-air updates (device/ota's OtaUpdater): attach before begin().
  void attach(CoreExtension& extension) { core_.attach(&extension); }

  // Same as GET /reset or a 10 s button hold: erase and open the AP.
  void reset_config();
  // Open the AP for a new configuration, keeping the saved one until a new one works.
  void start_config_mode();
  void restart();
#if ONBOARD_SECURE_SETUP
  // Secure-only setup with this device's verifier (from onboard-factory): the setup
  // API then takes secrets only through a SPAKE2+ session. False for a bad verifier.
  bool enable_secure_setup(hal::Crypto& crypto, const SetupVerifier& verifier) {
    return core_.enable_secure_setup(crypto, verifier);
  }
#endif

  State state() const;
  bool connected() const;  // logged in to the cloud
  bool ap_active() const;
  std::string_view ap_name() const;
  // /connect_status.json: "idle", "joining", "joined", "cloud", "activated", "failed".
  std::string_view connect_state() const;
  // "" or a reason such as "wrong_password", "token_invalid", "template_mismatch".
  std::string_view reason() const;
  int last_error() const;  // 0 or Edgent's 700..704

 private:
  DeviceCore core_;
};

}  // namespace onboard::device
