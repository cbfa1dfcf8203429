#include "onboard/protocol/setup/reason.hpp"

#include <cstddef>

namespace onboard::setup {

namespace {

struct ReasonInfo {
  Reason reason;
  std::string_view text;
  ErrorCode code;
};

constexpr ReasonInfo kReasons[] = {
    {Reason::none, "none", ErrorCode::none},
    {Reason::invalid_config, "invalid_config", ErrorCode::config},
    {Reason::wrong_password, "wrong_password", ErrorCode::network},
    {Reason::network_not_found, "network_not_found", ErrorCode::network},
    {Reason::no_ip, "no_ip", ErrorCode::network},
    {Reason::join_timeout, "join_timeout", ErrorCode::network},
    {Reason::band_unsupported, "band_unsupported", ErrorCode::network},
    {Reason::security_unsupported, "security_unsupported", ErrorCode::network},
    {Reason::dns_failed, "dns_failed", ErrorCode::cloud},
    {Reason::cloud_unreachable, "cloud_unreachable", ErrorCode::cloud},
    {Reason::tls_failed, "tls_failed", ErrorCode::cloud},
    {Reason::cloud_timeout, "cloud_timeout", ErrorCode::cloud},
    {Reason::token_invalid, "token_invalid", ErrorCode::token},
    // The cloud refuses a token minted for another template, so to an Edgent app it is a token error.
    {Reason::template_mismatch, "template_mismatch", ErrorCode::token},
    {Reason::storage_failed, "storage_failed", ErrorCode::internal},
    {Reason::internal, "internal", ErrorCode::internal},
};

// The table is indexed by the enum value; this keeps the two from drifting apart.
constexpr bool table_matches_enum() {
  for (std::size_t i = 0; i < sizeof(kReasons) / sizeof(kReasons[0]); ++i) {
    if (static_cast<std::size_t>(kReasons[i].reason) != i) return false;
  }
  return true;
}
static_assert(table_matches_enum(), "kReasons must list every Reason in enum order");

const ReasonInfo* find(Reason reason) {
  const auto index = static_cast<std::size_t>(reason);
  if (index >= sizeof(kReasons) / sizeof(kReasons[0])) return nullptr;
  return &kReasons[index];
}

}  // namespace

std::string_view to_string(Reason reason) {
  const ReasonInfo* info = find(reason);
  return info != nullptr ? info->text : std::string_view("internal");
}

bool reason_from_string(std::string_view text, Reason& out) {
  for (const ReasonInfo& info : kReasons) {
    if (info.text == text) {
      out = info.reason;
      return true;
    }
  }
  return false;
}

ErrorCode error_code_for(Reason reason) {
  const ReasonInfo* info = find(reason);
  return info != nullptr ? info->code : ErrorCode::internal;
}

}  // namespace onboard::setup
