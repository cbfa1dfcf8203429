// Setup codes and what derives from them: the 8-digit rules, the label's QR payload
// `ONB1:<template id>:<code>`, and RFC 9383 section 3.2's registration (w0, w1).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onboard/protocol/pake/suite.hpp"

namespace onboard::pake {

inline constexpr std::size_t kSetupCodeSize = 8;
inline constexpr std::size_t kMinSaltSize = 16;
inline constexpr std::size_t kMaxSaltSize = 32;
inline constexpr std::uint32_t kMinIterations = 1000;
inline constexpr std::uint32_t kMaxIterations = 100000;
// PBKDF2 output: w0s (40 bytes) || w1s (40 bytes).
inline constexpr std::size_t kPbkdfOutputSize = 80;
// len(pw) || pw || len(idProver) || len(idVerifier), identities empty.
inline constexpr std::size_t kPbkdfInputSize = 8 + kSetupCodeSize + 8 + 8;

// 8 decimal digits, not all equal, not 12345678 or 87654321.
bool is_valid_setup_code(std::string_view code);

// The PBKDF2 password for `code` (which must be valid).
void write_pbkdf_input(std::string_view code, std::uint8_t (&out)[kPbkdfInputSize]);

// w0 = w0s mod n, w1 = w1s mod n. False when either is 0 (probability ~2^-256).
bool derive_w0_w1(const std::uint8_t (&pbkdf_output)[kPbkdfOutputSize], Scalar& w0, Scalar& w1);

struct QrPayload {
  std::string_view template_id;
  std::string_view setup_code;
};

// "ONB1:" + template id + ":" + code. Returns the length written or 0 if it does not fit.
std::size_t write_qr_payload(std::string_view template_id, std::string_view code, char* out, std::size_t cap);
// Views into `text`. False unless the prefix, a non-empty template id without ':' and a
// valid setup code are all there.
bool parse_qr_payload(std::string_view text, QrPayload& out);

}  // namespace onboard::pake
