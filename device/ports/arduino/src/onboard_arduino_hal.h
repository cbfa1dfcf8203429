// The device core's HAL on the Arduino API: pins, millis() and Serial are real;
// Wi-Fi, sockets and storage are honest stubs that fail (see docs/firmware-arduino.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onboard/device/hal/hal.hpp"

namespace onboard::arduino {

// Pins through pinMode/digitalRead/digitalWrite/analogWrite.
class ArduinoGpio final : public hal::Gpio {
 public:
  void set_mode(std::uint8_t pin, hal::PinMode mode) override;
  bool read(std::uint8_t pin) override;
  void write(std::uint8_t pin, bool high) override;
  void write_pwm(std::uint8_t pin, std::uint8_t duty) override;
  void write_pixel(std::uint8_t pin, std::uint8_t r, std::uint8_t g, std::uint8_t b) override;
};

// millis() widened to 64 bits, so the core's timers survive its 49-day wrap.
class ArduinoClock final : public hal::Clock {
 public:
  std::uint64_t now_ms() const override;

 private:
  mutable std::uint32_t last_ = 0;
  mutable std::uint64_t high_ = 0;
};

// The log on Serial; chip id, restart and free memory from the ESP32 core's ESP
// object when built for ESP32, else zero / a stop.
class ArduinoSystem final : public hal::System {
 public:
  std::uint64_t chip_id() const override;
  void restart() override;
  std::size_t free_memory() const override;
  void log_line(std::string_view line) override;
};

// STUB: no radio. Every operation fails, so the device logs its failures and
// retries; it never opens an access point. The ESP32 port on WiFi.h is missing.
class StubWifi final : public hal::Wifi {
 public:
  bool start_ap(std::string_view ssid) override;
  void stop_ap() override;
  bool ap_active() const override;
  bool start_scan() override;
  hal::ScanState scan_state() const override;
  std::size_t scan_results(hal::ScanResult* out, std::size_t capacity) const override;
  bool join(const hal::StationConfig& config) override;
  void leave() override;
  hal::StationStatus station_status() const override;
  hal::MacAddress ap_mac() const override;
  hal::MacAddress station_mac() const override;
};

// STUB: no sockets. connect/listen/bind return kNoHandle.
class StubNet final : public hal::Net {
 public:
  hal::Handle connect(std::string_view host, std::uint16_t port) override;
  hal::StreamState state(hal::Handle stream) const override;
  hal::StreamFailure failure(hal::Handle stream) const override;
  hal::IoResult send(hal::Handle stream, const std::uint8_t* data, std::size_t length) override;
  hal::IoResult receive(hal::Handle stream, std::uint8_t* out, std::size_t capacity) override;
  void close(hal::Handle stream) override;
  hal::Handle listen(std::uint16_t port) override;
  hal::Handle accept(hal::Handle listener) override;
  hal::Handle udp_bind(std::uint16_t port) override;
  hal::IoResult udp_receive(hal::Handle socket, std::uint8_t* out, std::size_t capacity,
                            hal::Endpoint* from) override;
  hal::IoResult udp_send(hal::Handle socket, const std::uint8_t* data, std::size_t length,
                         const hal::Endpoint& to) override;
};

// STUB: storage in RAM, erased (0xFF) at every boot: nothing survives a reset.
class RamStorage final : public hal::Storage {
 public:
  RamStorage();
  std::size_t size() const override;
  bool read(std::size_t offset, std::uint8_t* out, std::size_t length) override;
  bool write(std::size_t offset, const std::uint8_t* data, std::size_t length) override;
  bool flush() override;

 private:
  static constexpr std::size_t kSize = 4096;
  std::uint8_t bytes_[kSize];
};

// The whole port, one static object in the sketch; hal() is what Device takes
// (Device keeps a reference to it, so it lives here, not in a temporary).
class ArduinoHal {
 public:
  const hal::Hal& hal() const { return hal_; }

 private:
  StubWifi wifi_;
  RamStorage storage_;
  ArduinoGpio gpio_;
  ArduinoClock clock_;
  StubNet net_;
  ArduinoSystem system_;
  hal::Hal hal_{wifi_, storage_, gpio_, clock_, net_, nullptr, system_, nullptr};
};

}  // namespace onboard::arduino
