// What request handlers and device sessions share: settings, store, live
// devices, counters and the login limiter. Owned by the server.
#pragma once

#include "onboard/cloud/api/login_limiter.hpp"
#include "onboard/cloud/api/metrics.hpp"
#include "onboard/cloud/config.hpp"
#include "onboard/cloud/device/hub.hpp"
#include "onboard/cloud/store/store.hpp"

namespace onboard::cloud {

struct Context {
  Config config;
  Store& store;
  Hub& hub;
  Metrics& metrics;
  LoginLimiter& limiter;
};

}  // namespace onboard::cloud
