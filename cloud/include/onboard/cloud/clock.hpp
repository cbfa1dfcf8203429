// Wall-clock time as Unix milliseconds (what the store keeps) and its ISO-8601
// form (what the REST API shows).
#pragma once

#include <cstdint>
#include <string>

namespace onboard::cloud {

using Millis = std::int64_t;

Millis now_ms();
// "2024-05-01T12:00:00.123Z"; an empty string for 0 (never).
std::string iso8601(Millis ms);

}  // namespace onboard::cloud
