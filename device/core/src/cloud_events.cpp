// What the cloud asks of the device: pin writes and reads for the sketch, pin
// operations on the board, and the internal "dbg" console commands.
#include "onboard/device/device_core.hpp"
#include "onboard/protocol/codec/decimal.hpp"
#include "onboard/protocol/codec/name_list.hpp"

namespace onboard::device {
namespace {

bool parse_pin(std::string_view text, std::uint8_t& pin) {
  std::uint32_t value = 0;
  if (!codec::parse_decimal(text, 255, value)) return false;
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

// The setup button and status LED stay the core's: a dashboard must not break them.
bool DeviceCore::pin_is_reserved(std::uint8_t pin) {
  if (static_cast<std::int16_t>(pin) != settings_.board.button_pin && !led_uses_pin(settings_.board, pin)) {
    return false;
  }
  log_.line() << "cloud: pin " << static_cast<int>(pin) << " belongs to the button or LED: ignored";
  return true;
}

void DeviceCore::on_pin_command(const blynk::Fields& fields) {
  std::size_t op = 0;
  if (!codec::index_of(codec::name_list("pm\0dw\0aw\0dr\0ar"), fields.at(0), op)) return;
  std::uint8_t pin = 0;
  if (op == 0) {
    // Pairs of pin and mode: "pm" "1" "out" "2" "in".
    static constexpr hal::PinMode kModes[] = {hal::PinMode::Output, hal::PinMode::Input,
                                              hal::PinMode::InputPullUp, hal::PinMode::InputPullDown};
    for (std::size_t i = 1; i + 1 < fields.count(); i += 2) {
      if (!parse_pin(fields.at(i), pin)) return;
      if (pin_is_reserved(pin)) continue;
      std::size_t mode = 0;
      if (codec::index_of(codec::name_list("out\0in\0pu\0pd"), fields.at(i + 1), mode)) {
        hal_.gpio.set_mode(pin, kModes[mode]);
      }
    }
    return;
  }
  if (!parse_pin(fields.at(1), pin) || pin_is_reserved(pin)) return;
  if (op == 1) {
    hal_.gpio.write(pin, parse_level(fields.at(2)) != 0);
  } else if (op == 2) {
    hal_.gpio.write_pwm(pin, static_cast<std::uint8_t>(parse_level(fields.at(2))));
  } else {
    const PinValue value(hal_.gpio.read(pin) ? 1 : 0);
    cloud_.send_pin_values(op == 3 ? "dw" : "aw", pin, &value, 1);
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
  std::size_t which = 0;
  if (!codec::index_of(codec::name_list("reboot\0config start\0config erase\0devinfo\0status"), command,
                       which)) {
    log_.line() << "cloud: unknown dbg command";
    return;
  }
  switch (which) {
    case 0: restart_requested_ = true; break;
    case 1: start_config_mode(); break;
    case 2: reset_requested_ = true; break;
    case 3:
      log_.line() << "devinfo: template " << settings_.template_id << ", firmware "
                  << settings_.firmware_version << ", board " << settings_.board.name << ", ap "
                  << LogLine::Quoted{ap_name()} << ", free "
                  << static_cast<std::int64_t>(hal_.system.free_memory());
      break;
    default:
      log_.line() << "status: " << to_string(state_) << ", network "
                  << LogLine::Quoted{provisioning_.saved().ssid_view()} << ", cloud "
                  << provisioning_.saved().host_view() << ", dropped messages "
                  << static_cast<std::int64_t>(cloud_.dropped_messages());
  }
}

}  // namespace onboard::device
