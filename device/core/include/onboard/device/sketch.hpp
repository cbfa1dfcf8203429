// For makers' sketches: reads the template macros (Onboard's or Edgent's names)
// and the board choice, checks them in the compiler, and builds the Settings.
#pragma once

#include "onboard/device/board_presets.hpp"
#include "onboard/device/device.hpp"

// Edgent's spellings, so an Edgent sketch ports by changing its include.
#if !defined(ONBOARD_TEMPLATE_ID) && defined(BLYNK_TEMPLATE_ID)
#define ONBOARD_TEMPLATE_ID BLYNK_TEMPLATE_ID
#endif
#if !defined(ONBOARD_TEMPLATE_NAME) && defined(BLYNK_TEMPLATE_NAME)
#define ONBOARD_TEMPLATE_NAME BLYNK_TEMPLATE_NAME
#endif
#if !defined(ONBOARD_TEMPLATE_NAME) && defined(BLYNK_DEVICE_NAME)
#define ONBOARD_TEMPLATE_NAME BLYNK_DEVICE_NAME
#endif
#if !defined(ONBOARD_FIRMWARE_VERSION) && defined(BLYNK_FIRMWARE_VERSION)
#define ONBOARD_FIRMWARE_VERSION BLYNK_FIRMWARE_VERSION
#endif

#ifndef ONBOARD_TEMPLATE_ID
#error \
    "Define ONBOARD_TEMPLATE_ID (or BLYNK_TEMPLATE_ID) before including onboard/device/sketch.hpp: copy it from your template's Firmware configuration in the console"
#endif
#ifndef ONBOARD_TEMPLATE_NAME
#error \
    "Define ONBOARD_TEMPLATE_NAME (or BLYNK_TEMPLATE_NAME) before including onboard/device/sketch.hpp: copy it from your template's Firmware configuration in the console"
#endif
#ifndef ONBOARD_FIRMWARE_VERSION
#define ONBOARD_FIRMWARE_VERSION "0.1.0"
#endif

// The board: a preset (Onboard or Edgent names), else the custom board.
#if defined(ONBOARD_BOARD_NODEMCU) || defined(USE_NODE_MCU_BOARD)
#define ONBOARD_SKETCH_BOARD ::onboard::device::boards::kNodeMcu
#elif defined(ONBOARD_BOARD_WEMOS_D1_MINI) || defined(USE_WEMOS_D1_MINI)
#define ONBOARD_SKETCH_BOARD ::onboard::device::boards::kWemosD1Mini
#elif defined(ONBOARD_BOARD_SPARKFUN_BLYNK_BOARD) || defined(USE_SPARKFUN_BLYNK_BOARD)
#define ONBOARD_SKETCH_BOARD ::onboard::device::boards::kSparkfunBlynkBoard
#elif defined(ONBOARD_BOARD_WITTY_CLOUD) || defined(USE_WITTY_CLOUD_BOARD)
#define ONBOARD_SKETCH_BOARD ::onboard::device::boards::kWittyCloud
#elif defined(ONBOARD_BOARD_ESP32_WROVER) || defined(USE_WROVER_BOARD)
#define ONBOARD_SKETCH_BOARD ::onboard::device::boards::kEsp32Wrover
#elif defined(ONBOARD_BOARD_TTGO_T7) || defined(USE_TTGO_T7)
#define ONBOARD_SKETCH_BOARD ::onboard::device::boards::kTtgoT7
#elif defined(ONBOARD_BOARD_TTGO_T_OI) || defined(USE_TTGO_T_OI)
#define ONBOARD_SKETCH_BOARD ::onboard::device::boards::kTtgoTOi
#elif defined(ONBOARD_BOARD_ESP32_DEV_MODULE) || defined(USE_ESP32_DEV_MODULE)
#define ONBOARD_SKETCH_BOARD ::onboard::device::boards::kEsp32DevModule
#elif defined(ONBOARD_BOARD_ESP32C3_DEV) || defined(USE_ESP32C3_DEV_MODULE)
#define ONBOARD_SKETCH_BOARD ::onboard::device::boards::kEsp32C3Dev
#elif defined(ONBOARD_BOARD_ESP32S2_DEV_KIT) || defined(USE_ESP32S2_DEV_KIT)
#define ONBOARD_SKETCH_BOARD ::onboard::device::boards::kEsp32S2DevKit
#else
#ifndef ONBOARD_CUSTOM_BOARD
#pragma message( \
    "Onboard: no board preset chosen, using the custom board (button GPIO0 active-low, LED GPIO4): define ONBOARD_BOARD_<NAME> or set the ONBOARD_BUTTON_PIN / ONBOARD_LED_PIN of your hardware")
#endif
#if !defined(ONBOARD_BUTTON_PIN) && defined(BOARD_BUTTON_PIN)
#define ONBOARD_BUTTON_PIN BOARD_BUTTON_PIN
#endif
#if !defined(ONBOARD_LED_PIN) && defined(BOARD_LED_PIN)
#define ONBOARD_LED_PIN BOARD_LED_PIN
#endif
#ifndef ONBOARD_BUTTON_PIN
#define ONBOARD_BUTTON_PIN 0
#endif
#ifndef ONBOARD_BUTTON_ACTIVE_LOW
#define ONBOARD_BUTTON_ACTIVE_LOW true
#endif
#ifndef ONBOARD_LED_PIN
#define ONBOARD_LED_PIN 4
#endif
#ifndef ONBOARD_LED_INVERSE
#define ONBOARD_LED_INVERSE false
#endif
#ifndef ONBOARD_LED_BRIGHTNESS
#define ONBOARD_LED_BRIGHTNESS 64
#endif
#if defined(ONBOARD_LED_PIN_G) && defined(ONBOARD_LED_PIN_B)
#define ONBOARD_SKETCH_LED \
  ::onboard::device::LedKind::Rgb, ONBOARD_LED_PIN, ONBOARD_LED_PIN_G, ONBOARD_LED_PIN_B
#elif defined(ONBOARD_LED_WS2812)
#define ONBOARD_SKETCH_LED ::onboard::device::LedKind::Ws2812, ONBOARD_LED_PIN, -1, -1
#else
#define ONBOARD_SKETCH_LED ::onboard::device::LedKind::Single, ONBOARD_LED_PIN, -1, -1
#endif
#define ONBOARD_SKETCH_BOARD                                                                                 \
  ::onboard::device::BoardConfig {                                                                           \
    "custom", ONBOARD_BUTTON_PIN, ONBOARD_BUTTON_ACTIVE_LOW, false, ONBOARD_SKETCH_LED, ONBOARD_LED_INVERSE, \
        ONBOARD_LED_BRIGHTNESS                                                                               \
  }
#endif

namespace onboard::sketch {

constexpr bool starts_with_tmpl(const char* id) {
  return id[0] == 'T' && id[1] == 'M' && id[2] == 'P' && id[3] == 'L';
}

static_assert(starts_with_tmpl(ONBOARD_TEMPLATE_ID),
              "ONBOARD_TEMPLATE_ID must start with TMPL: copy BLYNK_TEMPLATE_ID exactly from your template's "
              "Firmware configuration in the console");
static_assert(
    sizeof(ONBOARD_TEMPLATE_NAME) > 1,
    "ONBOARD_TEMPLATE_NAME is empty: copy BLYNK_TEMPLATE_NAME exactly from your template's Firmware "
    "configuration in the console");

inline constexpr device::BoardConfig kBoard = ONBOARD_SKETCH_BOARD;
static_assert(!device::button_shares_led_pin(kBoard),
              "the setup button and the status LED are on the same pin: pick the board preset of your "
              "hardware, or set ONBOARD_BUTTON_PIN and ONBOARD_LED_PIN to different pins");

// The Settings of this sketch; change fields of the result for anything else.
inline device::Settings settings() {
  device::Settings s;
  s.template_id = ONBOARD_TEMPLATE_ID;
  s.template_name = ONBOARD_TEMPLATE_NAME;
  s.firmware_version = ONBOARD_FIRMWARE_VERSION;
  s.build = __DATE__ " " __TIME__;
  s.board = kBoard;
#ifdef ONBOARD_SSID_PREFIX
  s.ssid_prefix = ONBOARD_SSID_PREFIX;
#endif
#ifdef ONBOARD_CLOUD_HOST
  s.cloud_host = ONBOARD_CLOUD_HOST;
#endif
#ifdef ONBOARD_CLOUD_PORT
  s.cloud_port = ONBOARD_CLOUD_PORT;
#endif
#ifdef ONBOARD_CLOUD_PLAIN
  s.cloud_tls = false;
#endif
  return s;
}

}  // namespace onboard::sketch
