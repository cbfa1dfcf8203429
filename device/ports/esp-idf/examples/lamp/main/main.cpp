// An Edgent-style lamp: the template macros from the console's Firmware
// configuration, a board preset, and virtual pin V1 driving the lamp's GPIO.
#define BLYNK_TEMPLATE_ID "TMPL4example"
#define BLYNK_TEMPLATE_NAME "Smart Lamp"
#define BLYNK_FIRMWARE_VERSION "0.1.0"
#define USE_ESP32C3_DEV_MODULE

#include "freertos/FreeRTOS.h"
#include "freertos/task.h"
#include "onboard/device/device.hpp"
#include "onboard/device/ports/esp_idf/esp_idf_hal.hpp"
#include "onboard/device/sketch.hpp"

namespace {

constexpr std::uint8_t kLampPin = 2;

onboard::esp_idf::EspIdfHal board;
const onboard::device::Settings settings = onboard::sketch::settings();
onboard::device::Device device(settings, board.hal());

}  // namespace

extern "C" void app_main() {
  if (!board.begin()) return;  // the port logged why
  board.hal().gpio.set_mode(kLampPin, onboard::hal::PinMode::Output);
  device.on_virtual_write([](void*, const onboard::device::PinWrite& w) {
    if (w.pin == 1) board.hal().gpio.write(kLampPin, w.as_int() != 0);
  });
  device.begin();
  for (;;) {
    device.run();  // never blocks
    // Sleep until the core's next timer, at most 10 ms so sockets are polled often.
    const std::uint64_t now = board.hal().clock.now_ms();
    const std::uint64_t next = device.next_wakeup_ms();
    const std::uint64_t wait = next > now ? next - now : 0;
    vTaskDelay(pdMS_TO_TICKS(wait < 10 ? (wait == 0 ? 1 : wait) : 10));
  }
}
