// hal::Crypto on mbedTLS: Debian's libmbedtls on the Linux and air ports, the same code
// on a microcontroller, where mbedTLS allocates from a fixed static buffer instead.
#pragma once

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ecp.h>
#include <mbedtls/entropy.h>

#include "onboard/device/hal/crypto.hpp"

namespace onboard::port {

// Bytes of the static buffer mbedTLS allocates from when built with
// MBEDTLS_MEMORY_BUFFER_ALLOC_C (a microcontroller); unused with a system allocator.
#ifndef ONBOARD_MBEDTLS_HEAP_SIZE
#define ONBOARD_MBEDTLS_HEAP_SIZE 8192
#endif

class MbedTlsCrypto final : public hal::Crypto {
 public:
  MbedTlsCrypto();
  ~MbedTlsCrypto();
  MbedTlsCrypto(const MbedTlsCrypto&) = delete;
  MbedTlsCrypto& operator=(const MbedTlsCrypto&) = delete;

  // False when the group or the random generator could not be set up; every call
  // then fails.
  bool ready() const { return ready_; }

  bool p256_mul(const pake::Scalar& k, const pake::Point* p, pake::Point& out) override;
  bool p256_mul_add(const pake::Scalar& a, const pake::Point* p, const pake::Scalar& b, const pake::Point& q,
                    pake::Point& out) override;
  bool p256_valid_point(const pake::Point& p) override;
  bool sha256(pake::ByteView data, pake::Digest& out) override;
  bool hmac_sha256(pake::ByteView key, pake::ByteView data, pake::Digest& out) override;
  bool hkdf_sha256(pake::ByteView salt, pake::ByteView ikm, pake::ByteView info, std::uint8_t* out,
                   std::size_t size) override;
  bool aes128_ccm_seal(const std::uint8_t key[pake::kAesKeySize],
                       const std::uint8_t nonce[pake::kCcmNonceSize], pake::ByteView plain,
                       std::uint8_t* out) override;
  bool aes128_ccm_open(const std::uint8_t key[pake::kAesKeySize],
                       const std::uint8_t nonce[pake::kCcmNonceSize], pake::ByteView sealed,
                       std::uint8_t* out) override;
  bool random(std::uint8_t* out, std::size_t size) override;

 private:
  bool mul_into(const pake::Scalar& k, const pake::Point* p, mbedtls_ecp_point& out);

  mbedtls_ecp_group group_;
  mbedtls_entropy_context entropy_;
  mbedtls_ctr_drbg_context drbg_;
  bool ready_ = false;
};

}  // namespace onboard::port
