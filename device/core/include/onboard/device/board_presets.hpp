// The reference's board presets as constants, so a sketch can pick one at compile
// time and the pin checks of sketch.hpp run in the compiler.
#pragma once

#include "onboard/device/board.hpp"

namespace onboard::device::boards {

// ESP8266
inline constexpr BoardConfig kNodeMcu{"nodemcu", 0,      true,   false, LedKind::Single,
                                      2,         kNoPin, kNoPin, true,  255};
inline constexpr BoardConfig kWemosD1Mini{"wemos_d1_mini", 0,      true, false, LedKind::Single, 2,
                                          kNoPin,          kNoPin, true, 255};
inline constexpr BoardConfig kSparkfunBlynkBoard{
    "sparkfun_blynk_board", 0, true, false, LedKind::Ws2812, 4, kNoPin, kNoPin, false, 64};
inline constexpr BoardConfig kWittyCloud{"witty_cloud", 4, true, false, LedKind::Rgb, 15, 12, 13, false, 64};

// ESP32
inline constexpr BoardConfig kEsp32Wrover{"esp32_wrover", 15, true, false, LedKind::Rgb, 0, 2, 4, false, 64};
inline constexpr BoardConfig kTtgoT7{"ttgo_t7", 0,      true,   false, LedKind::Single,
                                     19,        kNoPin, kNoPin, false, 64};
inline constexpr BoardConfig kTtgoTOi{"ttgo_t_oi", 0,      true,   false, LedKind::Single,
                                      3,           kNoPin, kNoPin, false, 64};
inline constexpr BoardConfig kEsp32DevModule{
    "esp32_dev_module", 0, true, false, LedKind::None, kNoPin, kNoPin, kNoPin, false, 0};
inline constexpr BoardConfig kEsp32C3Dev{"esp32c3_dev", 9,      true,  false, LedKind::Ws2812, 8,
                                         kNoPin,        kNoPin, false, 64};
inline constexpr BoardConfig kEsp32S2DevKit{
    "esp32s2_dev_kit", 0, true, false, LedKind::Single, 19, kNoPin, kNoPin, false, 64};

}  // namespace onboard::device::boards
