#include "hint_flags.hpp"

namespace onboard::cli {

using wizard::Action;

std::string flag_for(const wizard::Hint& hint) {
  const std::string& s = hint.subject;
  switch (hint.action) {
    case Action::choose_firmware_template: return s.empty() ? "--template ID" : "--template " + s;
    case Action::choose_template: return "--template ID (see: onboard templates)";
    case Action::list_templates: return "onboard templates";
    case Action::choose_device: return "--device \"" + (s.empty() ? std::string("AP_SSID") : s) + "\"";
    case Action::choose_network: return "--ssid NAME --password P";
    case Action::give_password: return "--password P";
    case Action::give_device_name: return "--name NAME";
    case Action::check_network_name: return "--hidden (for a hidden network)";
    case Action::sign_in: return "onboard login --server URL --email E --password P";
    case Action::reconnect_home: return "--home-password P";
    case Action::check_cloud_host: return "--cloud-host";
    case Action::check_cloud_address: return "--cloud-host/--cloud-port";
    case Action::check_cloud_certificate: return "--plain with the cloud's plain port";
    case Action::start_again: return "onboard add-device";
    case Action::fix_server_url: return "onboard login --server http://HOST:PORT";
    case Action::run_inside_world: return "onboard-air exec PHONE -- onboard ...";
    case Action::start_world: return "onboard-air up";
    case Action::turn_wifi_on: return "nmcli radio wifi on (or --wifi air)";
    case Action::create_template: return "POST /api/v1/templates";
    case Action::check_setup_code: return "--setup-code CODE or --qr PAYLOAD";
    case Action::none:
    case Action::check_password:
    case Action::move_device_closer:
    case Action::move_phone_closer:
    case Action::enable_2ghz_band:
    case Action::use_wpa2_personal:
    case Action::check_router_dhcp:
    case Action::check_cloud_running:
    case Action::put_device_in_setup_mode:
    case Action::check_device_led_and_log:
    case Action::check_device_network:
    case Action::power_cycle_device:
    case Action::check_network_fields:
    case Action::leave_password_empty:
    case Action::ask_admin:
    case Action::wait_before_retry:
    case Action::check_config_dir:
    case Action::retry: return {};
  }
  return {};
}

}  // namespace onboard::cli
