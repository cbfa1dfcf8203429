#include "onboard/protocol/blynk/command.hpp"

namespace onboard::blynk {

std::string_view to_string(Command command) {
  switch (command) {
    case Command::Response: return "RESPONSE";
    case Command::Ping: return "PING";
    case Command::Bridge: return "BRIDGE";
    case Command::HardwareSync: return "HARDWARE_SYNC";
    case Command::Internal: return "INTERNAL";
    case Command::Property: return "PROPERTY";
    case Command::Hardware: return "HARDWARE";
    case Command::Group: return "GROUP";
    case Command::HwLogin: return "HW_LOGIN";
    case Command::Redirect: return "REDIRECT";
    case Command::DebugPrint: return "DEBUG_PRINT";
    case Command::EventLog: return "EVENT_LOG";
    case Command::EventClear: return "EVENT_CLEAR";
  }
  return "unknown";
}

std::string_view to_string(Status status) {
  switch (status) {
    case Status::Success: return "SUCCESS";
    case Status::QuotaLimit: return "QUOTA_LIMIT";
    case Status::IllegalCommand: return "ILLEGAL_COMMAND";
    case Status::NotRegistered: return "NOT_REGISTERED";
    case Status::AlreadyRegistered: return "ALREADY_REGISTERED";
    case Status::NotAuthenticated: return "NOT_AUTHENTICATED";
    case Status::NotAllowed: return "NOT_ALLOWED";
    case Status::DeviceNotInNetwork: return "DEVICE_NOT_IN_NETWORK";
    case Status::NoActiveDashboard: return "NO_ACTIVE_DASHBOARD";
    case Status::InvalidToken: return "INVALID_TOKEN";
    case Status::IllegalCommandBody: return "ILLEGAL_COMMAND_BODY";
    case Status::Timeout: return "TIMEOUT";
    case Status::NoData: return "NO_DATA";
    case Status::DeviceWentOffline: return "DEVICE_WENT_OFFLINE";
    case Status::ServerException: return "SERVER_EXCEPTION";
    case Status::NotSupportedVersion: return "NOT_SUPPORTED_VERSION";
    case Status::EnergyLimit: return "ENERGY_LIMIT";
  }
  return "unknown";
}

bool is_known_command(std::uint8_t value) {
  return to_string(static_cast<Command>(value)) != "unknown";
}

}  // namespace onboard::blynk
