// The device's provisioning states (Edgent's names, so logs and LED patterns
// read the same) and how far a new configuration got (/connect_status.json).
#pragma once

#include <cstdint>
#include <string_view>

namespace onboard::device {

enum class State : std::uint8_t {
  WaitConfig,       // AP up, waiting for a phone
  Configuring,      // a phone read board_info.json
  ConnectingNet,    // joining Wi-Fi (a saved network, or a new one on trial with the AP still up)
  ConnectingCloud,  // connecting and logging in to the cloud
  Running,          // online
  OtaUpgrade,       // reserved for OTA
  SwitchToSta,      // reserved: Edgent's name for leaving AP mode
  ResetConfig,      // erasing the configuration
  Error,
};

// "WAIT_CONFIG", "CONFIGURING", "CONNECTING_NET", ...
std::string_view to_string(State state);

}  // namespace onboard::device
