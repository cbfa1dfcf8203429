// Names of the steps: the identifiers are part of the CLI's --json contract.
#include "onboard/wizard/session_events.hpp"

namespace onboard::wizard {

std::string_view to_string(Step step) {
  switch (step) {
    case Step::sign_in: return "sign_in";
    case Step::choose_template: return "choose_template";
    case Step::get_token: return "get_token";
    case Step::find_device: return "find_device";
    case Step::join_device: return "join_device";
    case Step::board_info: return "board_info";
    case Step::device_scan: return "device_scan";
    case Step::choose_network: return "choose_network";
    case Step::send_config: return "send_config";
    case Step::device_connect: return "device_connect";
    case Step::rejoin_home: return "rejoin_home";
    case Step::activation: return "activation";
    case Step::name_device: return "name_device";
  }
  return "unknown";
}

std::string_view describe(Step step) {
  switch (step) {
    case Step::sign_in: return "Signed in to the cloud";
    case Step::choose_template: return "Chose the template";
    case Step::get_token: return "Got a fresh device token";
    case Step::find_device: return "Found the device nearby";
    case Step::join_device: return "Joined the device's access point";
    case Step::board_info: return "Read the board info (template matches)";
    case Step::device_scan: return "Read the networks the device sees";
    case Step::choose_network: return "Chose the network";
    case Step::send_config: return "Sent network and token to the device";
    case Step::device_connect: return "Device joined the network";
    case Step::rejoin_home: return "Back on your own network";
    case Step::activation: return "Device activated and online";
    case Step::name_device: return "Named the device";
  }
  return "";
}

}  // namespace onboard::wizard
