#include "onboard/device/ports/mbedtls_crypto.hpp"

#include <mbedtls/ccm.h>
#include <mbedtls/hkdf.h>
#include <mbedtls/md.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/sha256.h>
#include <mbedtls/version.h>
#if defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C)
#include <mbedtls/memory_buffer_alloc.h>
#endif

namespace onboard::port {

namespace {

using pake::kPointSize;
using pake::kScalarSize;

#if defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C)
// The whole of mbedTLS's dynamic memory on a microcontroller: one fixed buffer, set up
// once, so the secure session never touches a general heap.
alignas(8) unsigned char g_mbedtls_heap[ONBOARD_MBEDTLS_HEAP_SIZE];
bool g_heap_ready = false;
void use_static_heap() {
  if (!g_heap_ready) {
    mbedtls_memory_buffer_alloc_init(g_mbedtls_heap, sizeof g_mbedtls_heap);
    g_heap_ready = true;
  }
}
#else
void use_static_heap() {}
#endif

// Owns one mbedtls_ecp_point or mbedtls_mpi for the length of a call.
struct EcpPoint {
  mbedtls_ecp_point p;
  EcpPoint() { mbedtls_ecp_point_init(&p); }
  ~EcpPoint() { mbedtls_ecp_point_free(&p); }
};
struct Mpi {
  mbedtls_mpi v;
  Mpi() { mbedtls_mpi_init(&v); }
  ~Mpi() { mbedtls_mpi_free(&v); }  // mbedtls_mpi_free zeroes the limbs
};

bool read_point(const mbedtls_ecp_group& group, const pake::Point& in, mbedtls_ecp_point& out) {
  // read_binary accepts the identity (a lone 0x00) too; check_pubkey refuses it and
  // any point not on the curve.
  return in.bytes[0] == 0x04 && mbedtls_ecp_point_read_binary(&group, &out, in.bytes, kPointSize) == 0 &&
         mbedtls_ecp_check_pubkey(&group, &out) == 0;
}

bool write_point(const mbedtls_ecp_group& group, const mbedtls_ecp_point& in, pake::Point& out) {
  std::size_t size = 0;
  return mbedtls_ecp_is_zero(const_cast<mbedtls_ecp_point*>(&in)) == 0 &&
         mbedtls_ecp_point_write_binary(&group, &in, MBEDTLS_ECP_PF_UNCOMPRESSED, &size, out.bytes,
                                        kPointSize) == 0 &&
         size == kPointSize;
}

const mbedtls_md_info_t* sha256_info() {
  return mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
}

}  // namespace

MbedTlsCrypto::MbedTlsCrypto() {
  use_static_heap();
  mbedtls_ecp_group_init(&group_);
  mbedtls_entropy_init(&entropy_);
  mbedtls_ctr_drbg_init(&drbg_);
  static const unsigned char kPersonalisation[] = "onboard secure setup";
  ready_ = mbedtls_ecp_group_load(&group_, MBEDTLS_ECP_DP_SECP256R1) == 0 &&
           mbedtls_ctr_drbg_seed(&drbg_, mbedtls_entropy_func, &entropy_, kPersonalisation,
                                 sizeof kPersonalisation - 1) == 0;
}

MbedTlsCrypto::~MbedTlsCrypto() {
  mbedtls_ctr_drbg_free(&drbg_);
  mbedtls_entropy_free(&entropy_);
  mbedtls_ecp_group_free(&group_);
}

bool MbedTlsCrypto::mul_into(const pake::Scalar& k, const pake::Point* p, mbedtls_ecp_point& out) {
  Mpi scalar;
  EcpPoint point;
  if (mbedtls_mpi_read_binary(&scalar.v, k.bytes, kScalarSize) != 0) return false;
  if (p != nullptr && !read_point(group_, *p, point.p)) return false;
  // mbedtls_ecp_mul is the constant-time, blinded multiplication (the RNG randomises
  // the projective coordinates).
  return mbedtls_ecp_mul(&group_, &out, &scalar.v, p != nullptr ? &point.p : &group_.G,
                         mbedtls_ctr_drbg_random, &drbg_) == 0;
}

bool MbedTlsCrypto::p256_mul(const pake::Scalar& k, const pake::Point* p, pake::Point& out) {
  EcpPoint result;
  return ready_ && mul_into(k, p, result.p) && write_point(group_, result.p, out);
}

bool MbedTlsCrypto::p256_mul_add(const pake::Scalar& a, const pake::Point* p, const pake::Scalar& b,
                                 const pake::Point& q, pake::Point& out) {
  // mbedtls_ecp_muladd is not constant-time in its scalars, and both are secret here:
  // two blinded multiplications, then muladd with 1 and 1, which is a plain addition.
  EcpPoint first;
  EcpPoint second;
  EcpPoint sum;
  Mpi one;
  return ready_ && mul_into(a, p, first.p) && mul_into(b, &q, second.p) && mbedtls_mpi_lset(&one.v, 1) == 0 &&
         mbedtls_ecp_muladd(&group_, &sum.p, &one.v, &first.p, &one.v, &second.p) == 0 &&
         write_point(group_, sum.p, out);
}

bool MbedTlsCrypto::p256_valid_point(const pake::Point& p) {
  EcpPoint point;
  return ready_ && read_point(group_, p, point.p);
}

bool MbedTlsCrypto::sha256(pake::ByteView data, pake::Digest& out) {
#if MBEDTLS_VERSION_MAJOR >= 3
  return mbedtls_sha256(data.data, data.size, out.bytes, 0) == 0;
#else
  return mbedtls_sha256_ret(data.data, data.size, out.bytes, 0) == 0;
#endif
}

bool MbedTlsCrypto::hmac_sha256(pake::ByteView key, pake::ByteView data, pake::Digest& out) {
  return mbedtls_md_hmac(sha256_info(), key.data, key.size, data.data, data.size, out.bytes) == 0;
}

bool MbedTlsCrypto::hkdf_sha256(pake::ByteView salt, pake::ByteView ikm, pake::ByteView info,
                                std::uint8_t* out, std::size_t size) {
  return mbedtls_hkdf(sha256_info(), salt.data, salt.size, ikm.data, ikm.size, info.data, info.size, out,
                      size) == 0;
}

namespace {

struct Ccm {
  mbedtls_ccm_context ctx;
  Ccm() { mbedtls_ccm_init(&ctx); }
  ~Ccm() { mbedtls_ccm_free(&ctx); }
};

}  // namespace

bool MbedTlsCrypto::aes128_ccm_seal(const std::uint8_t key[pake::kAesKeySize],
                                    const std::uint8_t nonce[pake::kCcmNonceSize], pake::ByteView plain,
                                    std::uint8_t* out) {
  Ccm ccm;
  return mbedtls_ccm_setkey(&ccm.ctx, MBEDTLS_CIPHER_ID_AES, key, 8 * pake::kAesKeySize) == 0 &&
         mbedtls_ccm_encrypt_and_tag(&ccm.ctx, plain.size, nonce, pake::kCcmNonceSize, nullptr, 0, plain.data,
                                     out, out + plain.size, pake::kCcmTagSize) == 0;
}

bool MbedTlsCrypto::aes128_ccm_open(const std::uint8_t key[pake::kAesKeySize],
                                    const std::uint8_t nonce[pake::kCcmNonceSize], pake::ByteView sealed,
                                    std::uint8_t* out) {
  if (sealed.size < pake::kCcmTagSize) return false;
  const std::size_t size = sealed.size - pake::kCcmTagSize;
  Ccm ccm;
  // auth_decrypt compares the tag in constant time and wipes `out` when it differs.
  return mbedtls_ccm_setkey(&ccm.ctx, MBEDTLS_CIPHER_ID_AES, key, 8 * pake::kAesKeySize) == 0 &&
         mbedtls_ccm_auth_decrypt(&ccm.ctx, size, nonce, pake::kCcmNonceSize, nullptr, 0, sealed.data, out,
                                  sealed.data + size, pake::kCcmTagSize) == 0;
}

bool MbedTlsCrypto::random(std::uint8_t* out, std::size_t size) {
  // ctr_drbg hands out at most MBEDTLS_CTR_DRBG_MAX_REQUEST bytes a call.
  while (ready_ && size > 0) {
    const std::size_t chunk = size < MBEDTLS_CTR_DRBG_MAX_REQUEST ? size : MBEDTLS_CTR_DRBG_MAX_REQUEST;
    if (mbedtls_ctr_drbg_random(&drbg_, out, chunk) != 0) return false;
    out += chunk;
    size -= chunk;
  }
  return ready_;
}

}  // namespace onboard::port
