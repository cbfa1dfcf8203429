#include "onboard/protocol/pake/crypto.hpp"

namespace onboard::pake {

bool random_scalar(Crypto& crypto, Scalar& out) {
  // A bounded loop: a working generator leaves it on the first pass all but 2^-32 of
  // the time, so eight failures mean the generator is broken.
  for (int attempt = 0; attempt < 8; ++attempt) {
    if (!crypto.random(out.bytes, kScalarSize)) return false;
    if (is_valid_scalar(out)) return true;
  }
  return false;
}

}  // namespace onboard::pake
