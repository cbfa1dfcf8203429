// Reason names: a switch per enum with no default, so a new value must be named here.
#include "onboard/wizard/reason.hpp"

namespace onboard::wizard {

std::string_view to_string(Reason reason) {
  switch (reason) {
    case Reason::invalid_config: return "invalid_config";
    case Reason::wrong_password: return "wrong_password";
    case Reason::network_not_found: return "network_not_found";
    case Reason::no_ip: return "no_ip";
    case Reason::join_timeout: return "join_timeout";
    case Reason::band_unsupported: return "band_unsupported";
    case Reason::security_unsupported: return "security_unsupported";
    case Reason::dns_failed: return "dns_failed";
    case Reason::cloud_unreachable: return "cloud_unreachable";
    case Reason::tls_failed: return "tls_failed";
    case Reason::cloud_timeout: return "cloud_timeout";
    case Reason::token_invalid: return "token_invalid";
    case Reason::template_mismatch: return "template_mismatch";
    case Reason::storage_failed: return "storage_failed";
    case Reason::internal: return "internal";
    case Reason::device_failed: return "device_failed";
    case Reason::device_deleted: return "device_deleted";
    case Reason::activation_failed: return "activation_failed";
    case Reason::expired: return "expired";
    case Reason::activation_timeout: return "activation_timeout";
    case Reason::offline: return "offline";
    case Reason::device_not_found: return "device_not_found";
    case Reason::missing_choice: return "missing_choice";
    case Reason::not_signed_in: return "not_signed_in";
    case Reason::no_templates: return "no_templates";
    case Reason::template_not_found: return "template_not_found";
    case Reason::home_unreachable: return "home_unreachable";
    case Reason::wifi_error: return "wifi_error";
    case Reason::timeout: return "timeout";
    case Reason::unreachable: return "unreachable";
    case Reason::connection_closed: return "connection_closed";
    case Reason::bad_response: return "bad_response";
    case Reason::device_error: return "device_error";
    case Reason::bad_url: return "bad_url";
    case Reason::config_error: return "config_error";
    case Reason::unauthorized: return "unauthorized";
    case Reason::forbidden: return "forbidden";
    case Reason::not_found: return "not_found";
    case Reason::too_many_attempts: return "too_many_attempts";
    case Reason::cloud_error: return "cloud_error";
    case Reason::cancelled: return "cancelled";
    case Reason::invalid_setup_code: return "invalid_setup_code";
    case Reason::wrong_setup_code: return "wrong_setup_code";
    case Reason::locked: return "locked";
    case Reason::setup_code_required: return "setup_code_required";
    case Reason::device_not_secure: return "device_not_secure";
    case Reason::invalid_qr: return "invalid_qr";
    case Reason::device_restarted: return "device_restarted";
  }
  return "internal";
}

std::optional<Reason> reason_from_string(std::string_view text) {
  for (std::size_t i = 0; i < kReasonCount; ++i) {
    const auto r = static_cast<Reason>(i);
    if (to_string(r) == text) return r;
  }
  return std::nullopt;
}

Reason from_device(setup::Reason reason) {
  switch (reason) {
    case setup::Reason::none: return Reason::device_failed;
    case setup::Reason::invalid_config: return Reason::invalid_config;
    case setup::Reason::wrong_password: return Reason::wrong_password;
    case setup::Reason::network_not_found: return Reason::network_not_found;
    case setup::Reason::no_ip: return Reason::no_ip;
    case setup::Reason::join_timeout: return Reason::join_timeout;
    case setup::Reason::band_unsupported: return Reason::band_unsupported;
    case setup::Reason::security_unsupported: return Reason::security_unsupported;
    case setup::Reason::dns_failed: return Reason::dns_failed;
    case setup::Reason::cloud_unreachable: return Reason::cloud_unreachable;
    case setup::Reason::tls_failed: return Reason::tls_failed;
    case setup::Reason::cloud_timeout: return Reason::cloud_timeout;
    case setup::Reason::token_invalid: return Reason::token_invalid;
    case setup::Reason::template_mismatch: return Reason::template_mismatch;
    case setup::Reason::storage_failed: return Reason::storage_failed;
    case setup::Reason::internal: return Reason::internal;
  }
  return Reason::internal;
}

}  // namespace onboard::wizard
