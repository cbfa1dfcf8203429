// Command and status numbers of the Blynk device protocol, as the public
// libraries and servers use them; names are stable strings for logs and tests.
#pragma once

#include <cstdint>
#include <string_view>

namespace onboard::blynk {

enum class Command : std::uint8_t {
  Response = 0,
  Ping = 6,
  Bridge = 15,
  HardwareSync = 16,
  Internal = 17,
  Property = 19,
  Hardware = 20,
  Group = 21,  // the device's beginGroup/endGroup around writes: "b", "t" NUL ms, "e"
  HwLogin = 29,
  Redirect = 41,
  DebugPrint = 55,
  EventLog = 64,
  EventClear = 65,
};

// Status codes travel in the length field of a RESPONSE frame.
enum class Status : std::uint16_t {
  Success = 200,
  QuotaLimit = 1,
  IllegalCommand = 2,
  NotRegistered = 3,
  AlreadyRegistered = 4,
  NotAuthenticated = 5,
  NotAllowed = 6,
  DeviceNotInNetwork = 7,
  NoActiveDashboard = 8,
  InvalidToken = 9,
  IllegalCommandBody = 11,
  Timeout = 16,
  NoData = 17,
  DeviceWentOffline = 18,
  ServerException = 19,
  NotSupportedVersion = 20,
  EnergyLimit = 21,
};

// "unknown" for a number the protocol does not define.
std::string_view to_string(Command command);
std::string_view to_string(Status status);

// True when the number is one of the commands above.
bool is_known_command(std::uint8_t value);

}  // namespace onboard::blynk
