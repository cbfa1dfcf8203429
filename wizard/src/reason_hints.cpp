// Sentences and next steps for the reasons devices and the cloud report (protocol/setup's
// Reason strings and the cloud's provisioning reasons), so users never see a bare code.
#include <map>
#include <string>

#include "session_runner.hpp"

namespace onboard::wizard {
namespace {

struct Text {
  const char* message;
  const char* hint;
};

const std::map<std::string, Text>& texts() {
  static const std::map<std::string, Text> table = {
      {"wrong_password",
       {"the network refused the password",
        "check the password and try again; the device is still waiting in setup mode"}},
      {"network_not_found",
       {"the device could not find the network",
        "move the device closer to the router and check the network is on 2.4 GHz"}},
      {"band_unsupported",
       {"the network is 5 GHz only, and the device can only use 2.4 GHz networks",
        "turn on the router's 2.4 GHz band"}},
      {"security_unsupported",
       {"the device cannot use this network's security (e.g. enterprise WPA2-EAP)",
        "use a WPA2 personal network"}},
      {"no_ip",
       {"the device joined the network but got no address (DHCP)",
        "check the router's DHCP server and its client limit"}},
      {"join_timeout",
       {"the device did not manage to join the network in time",
        "move the device closer to the router and try again"}},
      {"dns_failed",
       {"the device could not resolve the cloud's host name",
        "check --cloud-host: it must resolve from the home network"}},
      {"cloud_unreachable",
       {"the device could not reach the cloud",
        "check --cloud-host/--cloud-port and that the home network reaches the internet"}},
      {"tls_failed",
       {"the device could not set up TLS with the cloud",
        "check the device's --cloud-ca, or use --plain with the cloud's plain port"}},
      {"cloud_timeout",
       {"the cloud did not answer the device's login in time", "check the cloud is running and try again"}},
      {"token_invalid",
       {"the cloud refused the device's token (revoked, expired or unknown)",
        "run add-device again to get a fresh token"}},
      {"template_mismatch",
       {"the device's firmware belongs to another template than the token",
        "choose the template the firmware was built for"}},
      {"storage_failed",
       {"the device could not save its configuration", "power-cycle the device and try again"}},
      {"invalid_config", {"the device refused the configuration", "check the network name and password"}},
      {"expired", {"the provisioning session expired before the device came online", "run add-device again"}},
      {"activation_timeout",
       {"the device did not come online in time",
        "check the device's LED and serial log; then run add-device again"}},
      {"offline",
       {"the device was activated but is not online", "check the device's network and its serial log"}},
  };
  return table;
}

}  // namespace

std::string hint_for(const std::string& reason) {
  auto it = texts().find(reason);
  return it == texts().end() ? std::string() : it->second.hint;
}

std::string message_for(const std::string& reason, const std::string& ssid) {
  auto it = texts().find(reason);
  std::string text = it == texts().end() ? "the device reported '" + reason + "'" : it->second.message;
  if (!ssid.empty() && (reason == "wrong_password" || reason == "network_not_found"))
    text += " ('" + ssid + "')";
  return text;
}

}  // namespace onboard::wizard
