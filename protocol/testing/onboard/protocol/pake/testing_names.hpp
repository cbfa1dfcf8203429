// The RFC 9383 test vectors' context and identities as a HandshakeContext.
#pragma once

#include "onboard/protocol/pake/rfc9383_vectors.hpp"
#include "onboard/protocol/pake/transcript.hpp"

namespace onboard::pake::testing_names {

inline HandshakeContext rfc() {
  return {view_of(vectors::kContext), view_of(vectors::kIdProver), view_of(vectors::kIdVerifier)};
}

}  // namespace onboard::pake::testing_names
