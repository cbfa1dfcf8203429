// From the transcript to every key the setup session uses: RFC 9383 section 3.4's
// confirmation keys and shared key, then Onboard's two AES-128 session keys.
#pragma once

#include <cstdint>

#include "onboard/protocol/pake/crypto.hpp"
#include "onboard/protocol/pake/suite.hpp"

namespace onboard::pake {

struct ConfirmationValues {
  Digest k_main;  // SHA-256(TT)
  Digest k_confirm_p;
  Digest k_confirm_v;
  Digest k_shared;
  Digest confirm_p;  // HMAC(K_confirmP, shareV), sent by the phone
  Digest confirm_v;  // HMAC(K_confirmV, shareP), sent by the device
};

// keyPV || keyVP = HKDF(nil, K_shared, "Onboard session keys", 32).
struct SessionKeys {
  std::uint8_t phone_to_device[kAesKeySize] = {};
  std::uint8_t device_to_phone[kAesKeySize] = {};
};

bool derive_confirmation(Crypto& crypto, ByteView transcript, const Point& x, const Point& y,
                         ConfirmationValues& out);
bool derive_session_keys(Crypto& crypto, const Digest& k_shared, SessionKeys& out);

}  // namespace onboard::pake
