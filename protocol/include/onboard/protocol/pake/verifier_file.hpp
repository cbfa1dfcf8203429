// The per-device verifier file onboard-factory writes and onboard-device reads:
// {"format":"onboard-setup-verifier-1","salt":..,"iterations":N,"w0":..,"L":..}.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onboard/protocol/pake/setup_code.hpp"
#include "onboard/protocol/pake/suite.hpp"

namespace onboard::pake {

inline constexpr std::string_view kVerifierFormat = "onboard-setup-verifier-1";

struct VerifierFile {
  std::uint8_t salt[kMaxSaltSize] = {};
  std::size_t salt_size = 0;
  std::uint32_t iterations = 0;
  Scalar w0;
  Point l;
};

// Returns the length written, or 0 when it does not fit.
std::size_t write_verifier_file(const VerifierFile& file, char* out, std::size_t cap);
// False unless every field is there, of the right size and in the contract's ranges
// (whether L is on the curve is the crypto's check).
bool read_verifier_file(std::string_view text, VerifierFile& out);

}  // namespace onboard::pake
