// The smallest firmware that uses the whole device core, for scripts/size-report:
// a stub HAL (no network stack, no TLS, no radio driver) and the sketch loop.
#include <cstdint>

#include "onboard/device/device.hpp"

namespace {

using namespace onboard;

volatile std::uint32_t g_ticks;  // a SysTick would count here

struct StubClock final : hal::Clock {
  std::uint64_t now_ms() const override { return g_ticks; }
};
struct StubGpio final : hal::Gpio {
  void set_mode(std::uint8_t, hal::PinMode) override {}
  bool read(std::uint8_t) override { return true; }
  void write(std::uint8_t, bool) override {}
  void write_pwm(std::uint8_t, std::uint8_t) override {}
  void write_pixel(std::uint8_t, std::uint8_t, std::uint8_t, std::uint8_t) override {}
};
struct StubStorage final : hal::Storage {
  std::size_t size() const override { return 0; }
  bool read(std::size_t, std::uint8_t*, std::size_t) override { return false; }
  bool write(std::size_t, const std::uint8_t*, std::size_t) override { return false; }
  bool flush() override { return true; }
};
struct StubSystem final : hal::System {
  std::uint64_t chip_id() const override { return 1; }
  void restart() override {}
  std::size_t free_memory() const override { return 0; }
  void log_line(std::string_view) override {}
};
struct StubWifi final : hal::Wifi {
  bool start_ap(std::string_view) override { return true; }
  void stop_ap() override {}
  bool ap_active() const override { return false; }
  bool start_scan() override { return false; }
  hal::ScanState scan_state() const override { return hal::ScanState::Idle; }
  std::size_t scan_results(hal::ScanResult*, std::size_t) const override { return 0; }
  bool join(const hal::StationConfig&) override { return false; }
  void leave() override {}
  hal::StationStatus station_status() const override { return {}; }
  hal::MacAddress ap_mac() const override { return {}; }
  hal::MacAddress station_mac() const override { return {}; }
};
struct StubNet final : hal::Net {
  hal::Handle connect(std::string_view, std::uint16_t) override { return hal::kNoHandle; }
  hal::StreamState state(hal::Handle) const override { return hal::StreamState::Failed; }
  hal::StreamFailure failure(hal::Handle) const override { return hal::StreamFailure::Other; }
  hal::IoResult send(hal::Handle, const std::uint8_t*, std::size_t) override { return hal::kIoError; }
  hal::IoResult receive(hal::Handle, std::uint8_t*, std::size_t) override { return hal::kIoError; }
  void close(hal::Handle) override {}
  hal::Handle listen(std::uint16_t) override { return hal::kNoHandle; }
  hal::Handle accept(hal::Handle) override { return hal::kNoHandle; }
  hal::Handle udp_bind(std::uint16_t) override { return hal::kNoHandle; }
  hal::IoResult udp_receive(hal::Handle, std::uint8_t*, std::size_t, hal::Endpoint*) override { return 0; }
  hal::IoResult udp_send(hal::Handle, const std::uint8_t*, std::size_t, const hal::Endpoint&) override {
    return 0;
  }
};

StubClock g_clock;
StubGpio g_gpio;
StubStorage g_storage;
StubSystem g_system;
StubWifi g_wifi;
StubNet g_net;
const hal::Hal g_hal{g_wifi, g_storage, g_gpio, g_clock, g_net, nullptr, g_system, nullptr};
device::Settings g_settings;

}  // namespace

#if ONBOARD_SIZE_OTA
// device/ota/size/ota_firmware_part.cpp: the OTA variant of this firmware.
onboard::device::CoreExtension& onboard_ota_part(const onboard::device::Settings&, const onboard::hal::Hal&);
#endif

// The device itself, a static object: its size is the core's RAM.
device::Device onboard_device_instance(g_settings, g_hal);

int main() {
  g_settings.template_id = "TMPL00000000";
  g_settings.template_name = "Size";
  onboard_device_instance.on_virtual_write([](void*, const device::PinWrite&) {});
#if ONBOARD_SIZE_OTA
  onboard_device_instance.attach(onboard_ota_part(g_settings, g_hal));
#endif
  onboard_device_instance.begin();
  for (;;) {
    onboard_device_instance.run();
    onboard_device_instance.virtual_write(1, 42, 3.5, "x");
    onboard_device_instance.sync_virtual(1, 2);
    onboard_device_instance.log_event("e");
  }
}
