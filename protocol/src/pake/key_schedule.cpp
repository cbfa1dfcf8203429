#include "onboard/protocol/pake/key_schedule.hpp"

namespace onboard::pake {

namespace {

constexpr std::string_view kConfirmationKeysInfo = "ConfirmationKeys";
constexpr std::string_view kSharedKeyInfo = "SharedKey";
constexpr std::string_view kSessionKeysInfo = "Onboard session keys";

}  // namespace

bool derive_confirmation(Crypto& crypto, ByteView transcript, const Point& x, const Point& y,
                         ConfirmationValues& out) {
  if (!crypto.sha256(transcript, out.k_main)) return false;
  std::uint8_t confirmation_keys[2 * kHashSize];
  bool ok = crypto.hkdf_sha256({}, out.k_main.view(), view_of(kConfirmationKeysInfo), confirmation_keys,
                               sizeof confirmation_keys);
  if (ok) {
    for (std::size_t i = 0; i < kHashSize; ++i) {
      out.k_confirm_p.bytes[i] = confirmation_keys[i];
      out.k_confirm_v.bytes[i] = confirmation_keys[kHashSize + i];
    }
    ok = crypto.hkdf_sha256({}, out.k_main.view(), view_of(kSharedKeyInfo), out.k_shared.bytes, kHashSize) &&
         crypto.hmac_sha256(out.k_confirm_v.view(), x.view(), out.confirm_v) &&
         crypto.hmac_sha256(out.k_confirm_p.view(), y.view(), out.confirm_p);
  }
  secure_wipe(confirmation_keys, sizeof confirmation_keys);
  return ok;
}

bool derive_session_keys(Crypto& crypto, const Digest& k_shared, SessionKeys& out) {
  std::uint8_t keys[2 * kAesKeySize];
  const bool ok = crypto.hkdf_sha256({}, k_shared.view(), view_of(kSessionKeysInfo), keys, sizeof keys);
  if (ok) {
    for (std::size_t i = 0; i < kAesKeySize; ++i) {
      out.phone_to_device[i] = keys[i];
      out.device_to_phone[i] = keys[kAesKeySize + i];
    }
  }
  secure_wipe(keys, sizeof keys);
  return ok;
}

}  // namespace onboard::pake
