// Compiled by tests/compile_checks.cmake with one CASE_* macro: the good case
// must compile, every other case must fail with the message the test expects.
#if defined(CASE_GOOD_EDGENT_NAMES)
#define BLYNK_TEMPLATE_ID "TMPL1234abcd"
#define BLYNK_DEVICE_NAME "Lamp"
#define USE_NODE_MCU_BOARD
#elif defined(CASE_GOOD_CUSTOM)
#define ONBOARD_TEMPLATE_ID "TMPL1234abcd"
#define ONBOARD_TEMPLATE_NAME "Lamp"
#define ONBOARD_CUSTOM_BOARD
#define ONBOARD_BUTTON_PIN 5
#define ONBOARD_LED_PIN 6
#elif defined(CASE_BAD_TEMPLATE_ID)
#define ONBOARD_TEMPLATE_ID "1234abcd"
#define ONBOARD_TEMPLATE_NAME "Lamp"
#define ONBOARD_BOARD_NODEMCU
#elif defined(CASE_EMPTY_TEMPLATE_NAME)
#define ONBOARD_TEMPLATE_ID "TMPL1234abcd"
#define ONBOARD_TEMPLATE_NAME ""
#define ONBOARD_BOARD_NODEMCU
#elif defined(CASE_MISSING_TEMPLATE_ID)
#define ONBOARD_TEMPLATE_NAME "Lamp"
#elif defined(CASE_SHARED_PIN)
#define ONBOARD_TEMPLATE_ID "TMPL1234abcd"
#define ONBOARD_TEMPLATE_NAME "Lamp"
#define ONBOARD_CUSTOM_BOARD
#define ONBOARD_BUTTON_PIN 4
#define ONBOARD_LED_PIN 4
#elif defined(CASE_SHARED_PIN_RGB)
#define ONBOARD_TEMPLATE_ID "TMPL1234abcd"
#define ONBOARD_TEMPLATE_NAME "Lamp"
#define ONBOARD_CUSTOM_BOARD
#define ONBOARD_BUTTON_PIN 13
#define ONBOARD_LED_PIN 12
#define ONBOARD_LED_PIN_G 13
#define ONBOARD_LED_PIN_B 14
#endif

#include "onboard/device/sketch.hpp"

onboard::device::Settings make() {
  return onboard::sketch::settings();
}
