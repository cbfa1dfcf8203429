// What request handlers and device sessions share: settings, store, device
// rules, live devices, counters, the login limiter and the clock. Owned by the
// server's caller.
#pragma once

#include "onboard/cloud/api/login_limiter.hpp"
#include "onboard/cloud/api/metrics.hpp"
#include "onboard/cloud/clock.hpp"
#include "onboard/cloud/config.hpp"
#include "onboard/cloud/device/connection_limits.hpp"
#include "onboard/cloud/device/hub.hpp"
#include "onboard/cloud/device/token_throttle.hpp"
#include "onboard/cloud/domain/devices.hpp"
#include "onboard/cloud/domain/ota.hpp"
#include "onboard/cloud/store/store.hpp"
#include "onboard/cloud/store/watched_store.hpp"

namespace onboard::cloud {

class ConsoleFiles;  // api/console_files.hpp

struct Context {
  Config config;
  Store& store;
  Hub& hub;
  Metrics& metrics;
  LoginLimiter& limiter;
  Devices& devices;
  const Clock& clock;
  WatchedStore& health;  // the same store as `store`, watched for /healthz
  ConnectionLimits& connection_limits;
  TokenThrottle& token_throttle;
  const ConsoleFiles* console = nullptr;  // the web console at /, when loaded
  Ota* ota = nullptr;                     // firmware updates, when the server has a data directory
};

}  // namespace onboard::cloud
