// Why a step of the wizard failed, as a closed set: what devices report (protocol/setup's
// reasons), what the cloud reports, and the wizard's own. Front ends switch on these.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "onboard/protocol/setup/reason.hpp"

namespace onboard::wizard {

// The names (to_string) are the `reason` of the CLI's --json output: append, never rename.
enum class Reason : std::uint8_t {
  // Reported by the device (protocol/setup::Reason, same names).
  invalid_config,
  wrong_password,
  network_not_found,
  no_ip,
  join_timeout,
  band_unsupported,
  security_unsupported,
  dns_failed,
  cloud_unreachable,
  tls_failed,
  cloud_timeout,
  token_invalid,
  template_mismatch,
  storage_failed,
  internal,
  device_failed,  // the device said "failed" without a reason
  // Reported by the cloud about the provisioning session, or seen while following it.
  device_deleted,
  activation_failed,  // the cloud said "failed" with a reason the wizard does not know
  expired,
  activation_timeout,
  offline,
  // The wizard's own.
  device_not_found,
  missing_choice,
  not_signed_in,
  no_templates,
  template_not_found,
  home_unreachable,
  wifi_error,
  timeout,
  unreachable,
  connection_closed,
  bad_response,
  device_error,
  bad_url,
  config_error,
  unauthorized,
  forbidden,
  not_found,
  too_many_attempts,
  cloud_error,
  cancelled,
  // Secure setup (SPAKE2+ with the label's code).
  invalid_setup_code,   // not 8 valid digits
  wrong_setup_code,     // the device's confirmation did not verify; attempts left in the message
  locked,               // 20 wrong codes: the device refuses until its setup mode restarts
  setup_code_required,  // a secure-only device and no code given
  device_not_secure,    // --require-secure and an open device
  invalid_qr,           // not an ONB1:<template id>:<code> payload
  // Seen while following the activation: the device offers setup again with nothing received
  // (it restarted, e.g. lost power, before it saved the network).
  device_restarted,
};

inline constexpr std::size_t kReasonCount = static_cast<std::size_t>(Reason::device_restarted) + 1;

std::string_view to_string(Reason reason);
std::optional<Reason> reason_from_string(std::string_view text);
// The device's reason as the wizard's; none (a "failed" without a reason) is device_failed.
Reason from_device(setup::Reason reason);

}  // namespace onboard::wizard
