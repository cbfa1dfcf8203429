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

}  // namespace onboard::wizard
