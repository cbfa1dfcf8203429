#include "onboard/device/state.hpp"

namespace onboard::device {

std::string_view to_string(State state) {
  switch (state) {
    case State::WaitConfig: return "WAIT_CONFIG";
    case State::Configuring: return "CONFIGURING";
    case State::ConnectingNet: return "CONNECTING_NET";
    case State::ConnectingCloud: return "CONNECTING_CLOUD";
    case State::Running: return "RUNNING";
    case State::OtaUpgrade: return "OTA_UPGRADE";
    case State::SwitchToSta: return "SWITCH_TO_STA";
    case State::ResetConfig: return "RESET_CONFIG";
    case State::Error: return "ERROR";
  }
  return "UNKNOWN";
}

}  // namespace onboard::device
