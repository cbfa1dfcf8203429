#include "onboard/protocol/setup/reason.hpp"

#include <cstddef>

#include "onboard/protocol/codec/name_list.hpp"

namespace onboard::setup {

namespace {

// Both in Reason's order.
constexpr char kNames[] =
    "none\0invalid_config\0wrong_password\0network_not_found\0no_ip\0join_timeout\0band_unsupported\0"
    "security_unsupported\0dns_failed\0cloud_unreachable\0tls_failed\0cloud_timeout\0token_invalid\0"
    "template_mismatch\0storage_failed\0internal";
constexpr ErrorCode kCodes[] = {
    ErrorCode::none,
    ErrorCode::config,
    ErrorCode::network,
    ErrorCode::network,
    ErrorCode::network,
    ErrorCode::network,
    ErrorCode::network,
    ErrorCode::network,
    ErrorCode::cloud,
    ErrorCode::cloud,
    ErrorCode::cloud,
    ErrorCode::cloud,
    ErrorCode::token,
    // The cloud refuses a token minted for another template, so to an Edgent app it is a token error.
    ErrorCode::token,
    ErrorCode::internal,
    ErrorCode::internal,
};
constexpr std::size_t kCount = sizeof(kCodes) / sizeof(kCodes[0]);
static_assert(kCount == static_cast<std::size_t>(Reason::internal) + 1, "one error code per Reason");
static_assert(codec::count_names(kNames) == kCount, "one name per Reason");

}  // namespace

std::string_view to_string(Reason reason) {
  return codec::name_at(codec::name_list(kNames), static_cast<std::size_t>(reason), "internal");
}

bool reason_from_string(std::string_view text, Reason& out) {
  std::size_t index = 0;
  if (!codec::index_of(codec::name_list(kNames), text, index)) return false;
  out = static_cast<Reason>(index);
  return true;
}

ErrorCode error_code_for(Reason reason) {
  const auto index = static_cast<std::size_t>(reason);
  return index < kCount ? kCodes[index] : ErrorCode::internal;
}

}  // namespace onboard::setup
