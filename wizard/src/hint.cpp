// Hint names and the default action per reason; switches without default keep them whole.
#include "onboard/wizard/hint.hpp"

namespace onboard::wizard {

std::string_view to_string(Action action) {
  switch (action) {
    case Action::none: return "none";
    case Action::check_password: return "check_password";
    case Action::move_device_closer: return "move_device_closer";
    case Action::move_phone_closer: return "move_phone_closer";
    case Action::enable_2ghz_band: return "enable_2ghz_band";
    case Action::use_wpa2_personal: return "use_wpa2_personal";
    case Action::check_router_dhcp: return "check_router_dhcp";
    case Action::check_cloud_host: return "check_cloud_host";
    case Action::check_cloud_address: return "check_cloud_address";
    case Action::check_cloud_certificate: return "check_cloud_certificate";
    case Action::check_cloud_running: return "check_cloud_running";
    case Action::start_again: return "start_again";
    case Action::choose_firmware_template: return "choose_firmware_template";
    case Action::list_templates: return "list_templates";
    case Action::create_template: return "create_template";
    case Action::put_device_in_setup_mode: return "put_device_in_setup_mode";
    case Action::check_device_led_and_log: return "check_device_led_and_log";
    case Action::check_device_network: return "check_device_network";
    case Action::power_cycle_device: return "power_cycle_device";
    case Action::check_network_fields: return "check_network_fields";
    case Action::check_network_name: return "check_network_name";
    case Action::leave_password_empty: return "leave_password_empty";
    case Action::give_password: return "give_password";
    case Action::choose_device: return "choose_device";
    case Action::choose_template: return "choose_template";
    case Action::choose_network: return "choose_network";
    case Action::give_device_name: return "give_device_name";
    case Action::sign_in: return "sign_in";
    case Action::ask_admin: return "ask_admin";
    case Action::wait_before_retry: return "wait_before_retry";
    case Action::reconnect_home: return "reconnect_home";
    case Action::fix_server_url: return "fix_server_url";
    case Action::check_config_dir: return "check_config_dir";
    case Action::run_inside_world: return "run_inside_world";
    case Action::start_world: return "start_world";
    case Action::turn_wifi_on: return "turn_wifi_on";
    case Action::retry: return "retry";
    case Action::check_setup_code: return "check_setup_code";
  }
  return "none";
}

Hint default_hint(Reason reason) {
  switch (reason) {
    case Reason::invalid_config: return Hint{Action::check_network_fields, {}};
    case Reason::wrong_password: return Hint{Action::check_password, {}};
    case Reason::network_not_found: return Hint{Action::move_device_closer, {}};
    case Reason::no_ip: return Hint{Action::check_router_dhcp, {}};
    case Reason::join_timeout: return Hint{Action::move_device_closer, {}};
    case Reason::band_unsupported: return Hint{Action::enable_2ghz_band, {}};
    case Reason::security_unsupported: return Hint{Action::use_wpa2_personal, {}};
    case Reason::dns_failed: return Hint{Action::check_cloud_host, {}};
    case Reason::cloud_unreachable: return Hint{Action::check_cloud_address, {}};
    case Reason::tls_failed: return Hint{Action::check_cloud_certificate, {}};
    case Reason::cloud_timeout: return Hint{Action::check_cloud_running, {}};
    case Reason::token_invalid: return Hint{Action::start_again, {}};
    case Reason::template_mismatch: return Hint{Action::choose_firmware_template, {}};
    case Reason::storage_failed: return Hint{Action::power_cycle_device, {}};
    case Reason::internal: return Hint{Action::power_cycle_device, {}};
    case Reason::device_failed: return Hint{Action::check_device_led_and_log, {}};
    case Reason::device_deleted: return Hint{Action::start_again, {}};
    case Reason::activation_failed: return Hint{Action::start_again, {}};
    case Reason::expired: return Hint{Action::start_again, {}};
    case Reason::activation_timeout: return Hint{Action::check_device_led_and_log, {}};
    case Reason::offline: return Hint{Action::check_device_network, {}};
    case Reason::device_not_found: return Hint{Action::put_device_in_setup_mode, {}};
    case Reason::missing_choice: return Hint{Action::none, {}};
    case Reason::not_signed_in: return Hint{Action::sign_in, {}};
    case Reason::no_templates: return Hint{Action::create_template, {}};
    case Reason::template_not_found: return Hint{Action::list_templates, {}};
    case Reason::home_unreachable: return Hint{Action::reconnect_home, {}};
    case Reason::wifi_error: return Hint{Action::turn_wifi_on, {}};
    case Reason::timeout: return Hint{Action::retry, {}};
    case Reason::unreachable: return Hint{Action::fix_server_url, {}};
    case Reason::connection_closed: return Hint{Action::retry, {}};
    case Reason::bad_response: return Hint{Action::retry, {}};
    case Reason::device_error: return Hint{Action::move_phone_closer, {}};
    case Reason::bad_url: return Hint{Action::fix_server_url, {}};
    case Reason::config_error: return Hint{Action::check_config_dir, {}};
    case Reason::unauthorized: return Hint{Action::sign_in, {}};
    case Reason::forbidden: return Hint{Action::ask_admin, {}};
    case Reason::not_found: return Hint{Action::none, {}};
    case Reason::too_many_attempts: return Hint{Action::wait_before_retry, {}};
    case Reason::cloud_error: return Hint{Action::retry, {}};
    case Reason::cancelled: return Hint{Action::none, {}};
    case Reason::invalid_setup_code: return Hint{Action::check_setup_code, {}};
    case Reason::wrong_setup_code: return Hint{Action::check_setup_code, {}};
    case Reason::locked: return Hint{Action::put_device_in_setup_mode, {}};
    case Reason::setup_code_required: return Hint{Action::check_setup_code, {}};
    case Reason::device_not_secure: return Hint{Action::choose_device, {}};  // one with a setup code
    case Reason::invalid_qr: return Hint{Action::check_setup_code, {}};
    case Reason::device_restarted: return Hint{Action::start_again, {}};
  }
  return Hint{};
}

}  // namespace onboard::wizard
