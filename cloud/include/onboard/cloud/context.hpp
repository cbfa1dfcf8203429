// What request handlers and device sessions share: settings, store, live
// devices, counters and the login limiter. Owned by the server.
#pragma once

#include "onboard/cloud/api/login_limiter.hpp"
#include "onboard/cloud/api/metrics.hpp"
#include "onboard/cloud/config.hpp"
#include "onboard/cloud/device/hub.hpp"
#include "onboard/cloud/store/store.hpp"

namespace onboard::cloud {

class ConsoleFiles;  // api/console_files.hpp

struct Context {
  Config config;
  Store& store;
  Hub& hub;
  Metrics& metrics;
  LoginLimiter& limiter;
  const ConsoleFiles* console = nullptr;  // the web console at /, when loaded
};

}  // namespace onboard::cloud
