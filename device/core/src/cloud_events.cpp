// What the cloud asks of the device: pin writes and reads for the sketch, pin
// operations on the board, and the internal "dbg" console commands.
#include "onboard/device/device_core.hpp"

namespace onboard::device {
namespace {

bool parse_pin(std::string_view text, std::uint8_t& pin) {
  if (text.empty() || text.size() > 3) return false;
  unsigned value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value > 255) return false;
  pin = static_cast<std::uint8_t>(value);
  return true;
}

unsigned parse_level(std::string_view text) {
  unsigned value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') break;
    value = value * 10 + static_cast<unsigned>(c - '0');
    if (value > 255) return 255;
  }
  return value;
}

}  // namespace

void DeviceCore::on_pin_write(const PinWrite& write) {
  if (callbacks_.pin_write != nullptr) callbacks_.pin_write(callbacks_.pin_write_user, write);
}

void DeviceCore::on_pin_read(std::uint8_t pin) {
  if (callbacks_.pin_read != nullptr) callbacks_.pin_read(callbacks_.pin_read_user, pin);
}

void DeviceCore::on_pin_command(const blynk::Fields& fields) {
  const std::string_view op = fields.at(0);
  std::uint8_t pin = 0;
  if (op == "pm") {
    // Pairs of pin and mode: "pm" "1" "out" "2" "in".
    for (std::size_t i = 1; i + 1 < fields.count(); i += 2) {
      if (!parse_pin(fields.at(i), pin)) return;
      const std::string_view mode = fields.at(i + 1);
      if (static_cast<std::int16_t>(pin) == settings_.board.button_pin ||
          led_uses_pin(settings_.board, pin)) {
        log_.line() << "cloud: pin " << static_cast<int>(pin) << " belongs to the button or LED: ignored";
        continue;
      }
      if (mode == "out") hal_.gpio.set_mode(pin, hal::PinMode::Output);
      if (mode == "in") hal_.gpio.set_mode(pin, hal::PinMode::Input);
      if (mode == "pu") hal_.gpio.set_mode(pin, hal::PinMode::InputPullUp);
      if (mode == "pd") hal_.gpio.set_mode(pin, hal::PinMode::InputPullDown);
    }
    return;
  }
  if (!parse_pin(fields.at(1), pin)) return;
  // The setup button and status LED stay the core's: a dashboard must not break them.
  if (static_cast<std::int16_t>(pin) == settings_.board.button_pin || led_uses_pin(settings_.board, pin)) {
    log_.line() << "cloud: pin " << static_cast<int>(pin) << " belongs to the button or LED: ignored";
    return;
  }
  if (op == "dw") {
    hal_.gpio.write(pin, parse_level(fields.at(2)) != 0);
  } else if (op == "aw") {
    hal_.gpio.write_pwm(pin, static_cast<std::uint8_t>(parse_level(fields.at(2))));
  } else if (op == "dr" || op == "ar") {
    const PinValue value(hal_.gpio.read(pin) ? 1 : 0);
    cloud_.send_pin_values(op == "dr" ? "dw" : "aw", pin, &value, 1);
  }
}

void DeviceCore::on_internal(std::string_view body) {
  if (extension_ != nullptr) {
    extension_->on_internal(body, hal_.clock.now_ms());
  } else {
    log_.line() << "cloud: internal " << blynk::Fields(body).at(0);
  }
}

void DeviceCore::on_debug_command(std::string_view command) {
  log_.line() << "cloud: dbg " << command;
  if (command == "reboot") {
    restart_requested_ = true;
  } else if (command == "config start") {
    start_config_mode();
  } else if (command == "config erase") {
    reset_requested_ = true;
  } else if (command == "devinfo") {
    log_.line() << "devinfo: template " << settings_.template_id << ", firmware "
                << settings_.firmware_version << ", board " << settings_.board.name << ", ap "
                << LogLine::Quoted{ap_name()} << ", free "
                << static_cast<std::int64_t>(hal_.system.free_memory());
  } else if (command == "status") {
    log_.line() << "status: " << to_string(state_) << ", network "
                << LogLine::Quoted{provisioning_.saved().ssid_view()} << ", cloud "
                << provisioning_.saved().host_view() << ", dropped messages "
                << static_cast<std::int64_t>(cloud_.dropped_messages());
  } else {
    log_.line() << "cloud: unknown dbg command";
  }
}

}  // namespace onboard::device
