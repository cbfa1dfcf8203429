#include "onboard/device/state.hpp"

#include "onboard/protocol/codec/name_list.hpp"

namespace onboard::device {

std::string_view to_string(State state) {
  // In State's order.
  static constexpr char kNames[] =
      "WAIT_CONFIG\0CONFIGURING\0CONNECTING_NET\0CONNECTING_CLOUD\0RUNNING\0OTA_UPGRADE\0SWITCH_TO_STA\0"
      "RESET_CONFIG\0ERROR";
  return codec::name_at(codec::name_list(kNames), static_cast<std::size_t>(state), "UNKNOWN");
}

}  // namespace onboard::device
