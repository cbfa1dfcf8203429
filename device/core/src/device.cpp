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

void Device::on_virtual_write(PinWriteHandler handler, void* user) {
  core_.callbacks().pin_write = handler;
  core_.callbacks().pin_write_user = user;
}
void Device::on_virtual_read(PinReadHandler handler, void* user) {
  core_.callbacks().pin_read = handler;
  core_.callbacks().pin_read_user = user;
}
void Device::on_connected(Handler handler, void* user) {
  core_.callbacks().connected = handler;
  core_.callbacks().connected_user = user;
}
void Device::on_disconnected(Handler handler, void* user) {
  core_.callbacks().disconnected = handler;
  core_.callbacks().disconnected_user = user;
}
void Device::on_state_change(StateHandler handler, void* user) {
  core_.callbacks().state_change = handler;
  core_.callbacks().state_change_user = user;
}
void Device::on_button_press(Handler handler, void* user) {
  core_.callbacks().button_press = handler;
  core_.callbacks().button_press_user = user;
}

bool Device::log_event(std::string_view code, std::string_view description) {
  return core_.send_event(code, description);
}
void Device::reset_config() {
  core_.reset_config();
}
void Device::start_config_mode() {
  core_.start_config_mode();
}
void Device::restart() {
  core_.restart();
}

State Device::state() const {
  return core_.state();
}
bool Device::connected() const {
  return core_.connected();
}
bool Device::ap_active() const {
  return core_.ap_active();
}
std::string_view Device::ap_name() const {
  return core_.ap_name();
}
std::string_view Device::connect_state() const {
  return setup::to_string(core_.connect_status().state);
}
std::string_view Device::reason() const {
  const setup::Reason reason = core_.connect_status().reason != setup::Reason::none
                                   ? core_.connect_status().reason
                                   : core_.last_reason();
  return reason == setup::Reason::none ? std::string_view() : setup::to_string(reason);
}
int Device::last_error() const {
  return setup::to_int(setup::error_code_for(core_.last_reason()));
}

}  // namespace onboard::device
