#include "onboard/device/device.hpp"

namespace onboard::device {

Device::Device(const Settings& settings, const hal::Hal& hal) : core_(settings, hal) {}

void Device::begin() {
  core_.begin();
}
void Device::run() {
  core_.run();
}
std::uint64_t Device::next_wakeup_ms() const {
  return core_.next_wakeup_ms();
}

void Device::on_virtual_write(PinWriteHandler, void*) {}
void Device::on_virtual_read(PinReadHandler, void*) {}
void Device::on_connected(Handler, void*) {}
void Device::on_disconnected(Handler, void*) {}
void Device::on_state_change(StateHandler, void*) {}
void Device::on_button_press(Handler, void*) {}
bool Device::log_event(std::string_view, std::string_view) {
  return false;
}
void Device::reset_config() {}
void Device::start_config_mode() {}
void Device::restart() {}
State Device::state() const {
  return core_.state();
}
bool Device::connected() const {
  return false;
}
bool Device::ap_active() const {
  return false;
}
std::string_view Device::ap_name() const {
  return {};
}
std::string_view Device::connect_state() const {
  return "idle";
}
std::string_view Device::reason() const {
  return {};
}
int Device::last_error() const {
  return 0;
}

}  // namespace onboard::device
