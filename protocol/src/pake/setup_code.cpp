#include "onboard/protocol/pake/setup_code.hpp"

#include <cstring>

namespace onboard::pake {

bool is_valid_setup_code(std::string_view code) {
  if (code.size() != kSetupCodeSize) return false;
  bool all_equal = true;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
    if (c != code[0]) all_equal = false;
  }
  // All-equal covers 00000000 and 99999999 too, so the range 00000001..99999998 follows.
  return !all_equal && code != "12345678" && code != "87654321";
}

void write_pbkdf_input(std::string_view code, std::uint8_t (&out)[kPbkdfInputSize]) {
  std::memset(out, 0, sizeof out);
  out[0] = static_cast<std::uint8_t>(kSetupCodeSize);  // len(pw), 8 bytes little-endian
  std::memcpy(out + 8, code.data(), kSetupCodeSize);
  // len(idProver) and len(idVerifier) stay zero, with no identity bytes after them.
}

bool derive_w0_w1(const std::uint8_t (&pbkdf_output)[kPbkdfOutputSize], Scalar& w0, Scalar& w1) {
  constexpr std::size_t kHalf = kPbkdfOutputSize / 2;
  w0 = reduce_mod_order(pbkdf_output, kHalf);
  w1 = reduce_mod_order(pbkdf_output + kHalf, kHalf);
  return is_valid_scalar(w0) && is_valid_scalar(w1);
}

namespace {

constexpr std::string_view kQrPrefix = "ONB1:";

}  // namespace

std::size_t write_qr_payload(std::string_view template_id, std::string_view code, char* out,
                             std::size_t cap) {
  const std::size_t size = kQrPrefix.size() + template_id.size() + 1 + code.size();
  if (size > cap) return 0;
  std::memcpy(out, kQrPrefix.data(), kQrPrefix.size());
  std::memcpy(out + kQrPrefix.size(), template_id.data(), template_id.size());
  out[kQrPrefix.size() + template_id.size()] = ':';
  std::memcpy(out + kQrPrefix.size() + template_id.size() + 1, code.data(), code.size());
  return size;
}

bool parse_qr_payload(std::string_view text, QrPayload& out) {
  if (text.substr(0, kQrPrefix.size()) != kQrPrefix) return false;
  const std::string_view rest = text.substr(kQrPrefix.size());
  const std::size_t colon = rest.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  const std::string_view code = rest.substr(colon + 1);
  if (!is_valid_setup_code(code)) return false;
  out.template_id = rest.substr(0, colon);
  out.setup_code = code;
  return true;
}

}  // namespace onboard::pake
