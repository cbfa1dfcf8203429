// Everything the device core touches in the world, in one bundle given to the
// core at construction. Ports implement each interface; tests use fakes.
#pragma once

#include "onboard/device/hal/clock.hpp"
#include "onboard/device/hal/gpio.hpp"
#include "onboard/device/hal/led.hpp"
#include "onboard/device/hal/net.hpp"
#include "onboard/device/hal/storage.hpp"
#include "onboard/device/hal/system.hpp"
#include "onboard/device/hal/tls.hpp"
#include "onboard/device/hal/wifi.hpp"

namespace onboard::hal {

struct Hal {
  Wifi& wifi;
  Storage& storage;
  Gpio& gpio;
  Clock& clock;
  Net& net;
  Tls* tls;  // null when the board has no TLS: plain TCP to the cloud only
  System& system;
  Led* led;  // null: the core drives LED pins through Gpio itself
};

}  // namespace onboard::hal
