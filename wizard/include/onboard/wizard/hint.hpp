// What the user can do about a failure, as a value: an action and the thing it is about.
// The library and every front end put it in words (the catalog); only the CLI adds flags.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "onboard/wizard/reason.hpp"

namespace onboard::wizard {

// The names (to_string) are the catalog's keys and the `hint.action` of --json output.
enum class Action : std::uint8_t {
  none,
  check_password,      // subject: the network
  move_device_closer,  // to the router
  move_phone_closer,   // to the device
  enable_2ghz_band,
  use_wpa2_personal,
  check_router_dhcp,
  check_cloud_host,         // the host the device was told
  check_cloud_address,      // host and port the device was told
  check_cloud_certificate,  // or use plain TCP
  check_cloud_running,
  start_again,               // a fresh provisioning session
  choose_firmware_template,  // subject: the template the firmware was built for
  list_templates,
  create_template,
  put_device_in_setup_mode,
  check_device_led_and_log,
  check_device_network,
  power_cycle_device,
  check_network_fields,
  check_network_name,  // subject: the network; or say it is hidden
  leave_password_empty,
  give_password,  // subject: the network
  choose_device,  // subject: one of the devices in range
  choose_template,
  choose_network,
  give_device_name,
  sign_in,
  ask_admin,
  wait_before_retry,
  reconnect_home,  // subject: the home network
  fix_server_url,
  check_config_dir,
  run_inside_world,
  start_world,
  turn_wifi_on,
  retry,
  check_setup_code,  // the 8 digits on the device's label, or its QR code
};

inline constexpr std::size_t kActionCount = static_cast<std::size_t>(Action::check_setup_code) + 1;

std::string_view to_string(Action action);

struct Hint {
  Action action = Action::none;
  std::string subject;  // a network, template id, device AP... (may be empty)
  bool empty() const { return action == Action::none; }
};

// What to do about a reason when the failing step knows nothing more specific. Every reason
// has an entry (a switch without default: a new reason without a hint does not compile).
Hint default_hint(Reason reason);

}  // namespace onboard::wizard
