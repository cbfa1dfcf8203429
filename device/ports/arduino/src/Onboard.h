// The Arduino library's one include: the sketch's template macros and board
// preset (onboard/device/sketch.hpp) and the Arduino HAL port.
#pragma once

#include "onboard/device/sketch.hpp"
#include "onboard_arduino_hal.h"
