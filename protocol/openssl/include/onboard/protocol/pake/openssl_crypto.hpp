// The SPAKE2+ primitives on OpenSSL, for host programs: the wizard (the phone's side),
// onboard-factory and the protocol's own known-answer tests. Not for microcontrollers.
#pragma once

#include "onboard/protocol/pake/crypto.hpp"

struct ec_group_st;

namespace onboard::pake {

class OpenSslCrypto final : public Crypto {
 public:
  OpenSslCrypto();
  ~OpenSslCrypto();
  OpenSslCrypto(const OpenSslCrypto&) = delete;
  OpenSslCrypto& operator=(const OpenSslCrypto&) = delete;

  bool p256_mul(const Scalar& k, const Point* p, Point& out) override;
  bool p256_mul_add(const Scalar& a, const Point* p, const Scalar& b, const Point& q, Point& out) override;
  bool p256_valid_point(const Point& p) override;
  bool sha256(ByteView data, Digest& out) override;
  bool hmac_sha256(ByteView key, ByteView data, Digest& out) override;
  bool hkdf_sha256(ByteView salt, ByteView ikm, ByteView info, std::uint8_t* out, std::size_t size) override;
  bool aes128_ccm_seal(const std::uint8_t key[kAesKeySize], const std::uint8_t nonce[kCcmNonceSize],
                       ByteView plain, std::uint8_t* out) override;
  bool aes128_ccm_open(const std::uint8_t key[kAesKeySize], const std::uint8_t nonce[kCcmNonceSize],
                       ByteView sealed, std::uint8_t* out) override;
  bool random(std::uint8_t* out, std::size_t size) override;

 private:
  ec_group_st* group_;
};

// PBKDF2-HMAC-SHA256, for registration (RFC 9383 section 3.2) where the code is known.
bool pbkdf2_sha256(ByteView password, ByteView salt, std::uint32_t iterations, std::uint8_t* out,
                   std::size_t size);

}  // namespace onboard::pake
