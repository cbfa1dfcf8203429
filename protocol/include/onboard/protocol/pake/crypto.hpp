// The cryptographic primitives SPAKE2+ and the setup channel need, as one interface:
// the device implements it with mbedTLS (its HAL), the wizard with OpenSSL.
#pragma once

#include <cstddef>
#include <cstdint>

#include "onboard/protocol/pake/bytes.hpp"
#include "onboard/protocol/pake/suite.hpp"

namespace onboard::pake {

inline constexpr std::size_t kAesKeySize = 16;
inline constexpr std::size_t kCcmNonceSize = 13;
inline constexpr std::size_t kCcmTagSize = 16;

// Every call returns false on any failure and then leaves its outputs meaningless.
// Points given to the interface may come from an attacker: implementations reject any
// that is not on P-256 or is the identity, and any result that is the identity.
class Crypto {
 public:
  // out = k·P, or k·G when `p` is null.
  virtual bool p256_mul(const Scalar& k, const Point* p, Point& out) = 0;
  // out = a·P + b·Q, with P = G when `p` is null.
  virtual bool p256_mul_add(const Scalar& a, const Point* p, const Scalar& b, const Point& q, Point& out) = 0;
  // On the curve and not the identity.
  virtual bool p256_valid_point(const Point& p) = 0;

  virtual bool sha256(ByteView data, Digest& out) = 0;
  virtual bool hmac_sha256(ByteView key, ByteView data, Digest& out) = 0;
  virtual bool hkdf_sha256(ByteView salt, ByteView ikm, ByteView info, std::uint8_t* out,
                           std::size_t size) = 0;

  // AES-128-CCM, 16-byte tag, no associated data. `out` takes size(plain) + 16 bytes
  // (ciphertext then tag).
  virtual bool aes128_ccm_seal(const std::uint8_t key[kAesKeySize], const std::uint8_t nonce[kCcmNonceSize],
                               ByteView plain, std::uint8_t* out) = 0;
  // `sealed` is ciphertext then tag; `out` takes size(sealed) - 16 bytes. False when the
  // tag does not verify (the implementation compares it in constant time).
  virtual bool aes128_ccm_open(const std::uint8_t key[kAesKeySize], const std::uint8_t nonce[kCcmNonceSize],
                               ByteView sealed, std::uint8_t* out) = 0;

  // Unpredictable bytes from a cryptographic generator.
  virtual bool random(std::uint8_t* out, std::size_t size) = 0;

 protected:
  ~Crypto() = default;
};

// A uniformly random scalar in [1, n-1], by rejection (a 32-byte draw is refused with
// probability about 2^-32).
bool random_scalar(Crypto& crypto, Scalar& out);

}  // namespace onboard::pake
