// Cryptography for the secure setup session: P-256 point multiply and add, SHA-256,
// HMAC, HKDF, AES-128-CCM and a random source. The interface is protocol/'s, so the
// SPAKE2+ code shared with the phone runs on whatever the port implements it with.
#pragma once

#include "onboard/protocol/pake/crypto.hpp"

namespace onboard::hal {

using Crypto = pake::Crypto;

}  // namespace onboard::hal
