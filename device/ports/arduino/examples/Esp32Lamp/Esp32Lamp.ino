// An Edgent-style lamp on an ESP32 Dev Module: the template macros from the
// console's Firmware configuration, a board preset, and virtual pin V1 as the lamp.
#define BLYNK_TEMPLATE_ID "TMPL4example"
#define BLYNK_TEMPLATE_NAME "Smart Lamp"
#define BLYNK_FIRMWARE_VERSION "0.1.0"

#define USE_ESP32_DEV_MODULE  // or ONBOARD_BOARD_ESP32_WROVER, USE_TTGO_T7, ...

#include <Onboard.h>

const int kLampPin = 2;

onboard::arduino::ArduinoHal board;
const onboard::device::Settings settings = onboard::sketch::settings();
onboard::device::Device device(settings, board.hal());

void setup() {
  Serial.begin(115200);
  pinMode(kLampPin, OUTPUT);
  device.on_virtual_write([](void*, const onboard::device::PinWrite& w) {
    if (w.pin == 1) digitalWrite(kLampPin, w.as_int() != 0 ? HIGH : LOW);
  });
  device.on_connected([](void*) { Serial.println("online"); });
  device.begin();
}

void loop() {
  device.run();  // never blocks
}
