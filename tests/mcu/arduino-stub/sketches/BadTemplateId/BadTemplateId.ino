// Must not build: a template id that is not one (the library's compile-time
// check of the BLYNK_* macros has to reach an Arduino sketch).
#define BLYNK_TEMPLATE_ID "Smart Lamp"
#define BLYNK_TEMPLATE_NAME "Smart Lamp"
#define USE_ESP32_DEV_MODULE

#include <Onboard.h>

onboard::arduino::ArduinoHal board;
const onboard::device::Settings settings = onboard::sketch::settings();
onboard::device::Device device(settings, board.hal());

void setup() { device.begin(); }

void loop() { device.run(); }
