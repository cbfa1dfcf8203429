// The Arduino HAL port. Real: pins, clock, serial log. Stubs: Wi-Fi, sockets,
// storage (RAM) — enough for a sketch to build against any Arduino core.
#include "onboard_arduino_hal.h"

#include <Arduino.h>

#include <cstring>

namespace onboard::arduino {

void ArduinoGpio::set_mode(std::uint8_t pin, hal::PinMode mode) {
  switch (mode) {
    case hal::PinMode::Input: pinMode(pin, INPUT); break;
    case hal::PinMode::InputPullUp: pinMode(pin, INPUT_PULLUP); break;
    case hal::PinMode::InputPullDown:
#ifdef INPUT_PULLDOWN
      pinMode(pin, INPUT_PULLDOWN);
#else
      pinMode(pin, INPUT);  // cores without pull-downs: the board needs its own resistor
#endif
      break;
    case hal::PinMode::Output: pinMode(pin, OUTPUT); break;
  }
}

bool ArduinoGpio::read(std::uint8_t pin) {
  return digitalRead(pin) == HIGH;
}

void ArduinoGpio::write(std::uint8_t pin, bool high) {
  digitalWrite(pin, high ? HIGH : LOW);
}

void ArduinoGpio::write_pwm(std::uint8_t pin, std::uint8_t duty) {
  analogWrite(pin, duty);
}

void ArduinoGpio::write_pixel(std::uint8_t pin, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
#ifdef ARDUINO_ARCH_ESP32
  neopixelWrite(pin, r, g, b);  // the ESP32 core's RMT-driven WS2812 writer
#else
  // No WS2812 driver in a plain Arduino core: any colour lights the pin.
  digitalWrite(pin, (r | g | b) != 0 ? HIGH : LOW);
#endif
}

std::uint64_t ArduinoClock::now_ms() const {
  const std::uint32_t now = static_cast<std::uint32_t>(millis());
  if (now < last_) high_ += std::uint64_t{1} << 32;
  last_ = now;
  return high_ | now;
}

std::uint64_t ArduinoSystem::chip_id() const {
#ifdef ARDUINO_ARCH_ESP32
  return ESP.getEfuseMac();
#else
  return 0;
#endif
}

void ArduinoSystem::restart() {
#ifdef ARDUINO_ARCH_ESP32
  ESP.restart();
#else
  for (;;) {
  }  // no portable reset: a watchdog or the user's power switch
#endif
}

std::size_t ArduinoSystem::free_memory() const {
#ifdef ARDUINO_ARCH_ESP32
  return ESP.getFreeHeap();
#else
  return 0;
#endif
}

void ArduinoSystem::log_line(std::string_view line) {
  Serial.write(reinterpret_cast<const std::uint8_t*>(line.data()), line.size());
  Serial.write(static_cast<std::uint8_t>('\n'));
}

bool StubWifi::start_ap(std::string_view) {
  return false;
}
void StubWifi::stop_ap() {}
bool StubWifi::ap_active() const {
  return false;
}
bool StubWifi::start_scan() {
  return false;
}
hal::ScanState StubWifi::scan_state() const {
  return hal::ScanState::Failed;
}
std::size_t StubWifi::scan_results(hal::ScanResult*, std::size_t) const {
  return 0;
}
bool StubWifi::join(const hal::StationConfig&) {
  return false;
}
void StubWifi::leave() {}
hal::StationStatus StubWifi::station_status() const {
  hal::StationStatus status;
  status.state = hal::JoinState::Failed;
  status.failure = hal::LinkFailure::Other;
  return status;
}
hal::MacAddress StubWifi::ap_mac() const {
  return {};
}
hal::MacAddress StubWifi::station_mac() const {
  return {};
}

hal::Handle StubNet::connect(std::string_view, std::uint16_t) {
  return hal::kNoHandle;
}
hal::StreamState StubNet::state(hal::Handle) const {
  return hal::StreamState::Failed;
}
hal::StreamFailure StubNet::failure(hal::Handle) const {
  return hal::StreamFailure::Unreachable;
}
hal::IoResult StubNet::send(hal::Handle, const std::uint8_t*, std::size_t) {
  return hal::kIoError;
}
hal::IoResult StubNet::receive(hal::Handle, std::uint8_t*, std::size_t) {
  return hal::kIoError;
}
void StubNet::close(hal::Handle) {}
hal::Handle StubNet::listen(std::uint16_t) {
  return hal::kNoHandle;
}
hal::Handle StubNet::accept(hal::Handle) {
  return hal::kNoHandle;
}
hal::Handle StubNet::udp_bind(std::uint16_t) {
  return hal::kNoHandle;
}
hal::IoResult StubNet::udp_receive(hal::Handle, std::uint8_t*, std::size_t, hal::Endpoint*) {
  return hal::kIoError;
}
hal::IoResult StubNet::udp_send(hal::Handle, const std::uint8_t*, std::size_t, const hal::Endpoint&) {
  return hal::kIoError;
}

RamStorage::RamStorage() {
  std::memset(bytes_, 0xFF, kSize);
}
std::size_t RamStorage::size() const {
  return kSize;
}
bool RamStorage::read(std::size_t offset, std::uint8_t* out, std::size_t length) {
  if (offset > kSize || length > kSize - offset) return false;
  std::memcpy(out, bytes_ + offset, length);
  return true;
}
bool RamStorage::write(std::size_t offset, const std::uint8_t* data, std::size_t length) {
  if (offset > kSize || length > kSize - offset) return false;
  std::memcpy(bytes_ + offset, data, length);
  return true;
}
bool RamStorage::flush() {
  return true;
}

}  // namespace onboard::arduino
