// The SPAKE2+ transcript TT of RFC 9383 section 3.3, built in one place for both roles:
// every field prefixed with its length as 8 bytes little-endian.
#pragma once

#include <cstddef>
#include <cstdint>

#include "onboard/protocol/pake/bytes.hpp"
#include "onboard/protocol/pake/suite.hpp"

namespace onboard::pake {

// Who is talking and why: Onboard uses kOnboardContext and two empty identities; the
// RFC's test vectors use their own, so they are parameters.
struct HandshakeContext {
  ByteView context = view_of(kOnboardContext);
  ByteView id_prover;
  ByteView id_verifier;
};

struct TranscriptParts {
  HandshakeContext names;
  const Point* x;  // shareP
  const Point* y;  // shareV
  const Point* z;
  const Point* v;
  const Scalar* w0;
};

// Room for TT with Onboard's context or the RFC's test names, with some to spare.
inline constexpr std::size_t kMaxContextSize = 64;
inline constexpr std::size_t kMaxIdentitySize = 32;
inline constexpr std::size_t kMaxTranscriptSize =
    10 * 8 + kMaxContextSize + 2 * kMaxIdentitySize + 6 * kPointSize + kScalarSize;

// Writes TT into `out`; returns its length, or 0 when a name is over its limit.
std::size_t write_transcript(const TranscriptParts& parts, std::uint8_t (&out)[kMaxTranscriptSize]);

}  // namespace onboard::pake
