#include "onboard/protocol/pake/openssl_crypto.hpp"

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/obj_mac.h>
#include <openssl/rand.h>

#include <memory>

namespace onboard::pake {

namespace {

struct PointFree {
  void operator()(EC_POINT* p) const { EC_POINT_clear_free(p); }
};
struct BnFree {
  void operator()(BIGNUM* b) const { BN_clear_free(b); }
};
struct CipherFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};
using PointPtr = std::unique_ptr<EC_POINT, PointFree>;
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;

PointPtr read_point(const EC_GROUP* group, const Point& p) {
  PointPtr point(EC_POINT_new(group));
  if (!point || EC_POINT_oct2point(group, point.get(), p.bytes, kPointSize, nullptr) != 1) return nullptr;
  if (EC_POINT_is_at_infinity(group, point.get()) || EC_POINT_is_on_curve(group, point.get(), nullptr) != 1) {
    return nullptr;
  }
  return point;
}

bool write_point(const EC_GROUP* group, const EC_POINT* point, Point& out) {
  if (EC_POINT_is_at_infinity(group, point)) return false;
  return EC_POINT_point2oct(group, point, POINT_CONVERSION_UNCOMPRESSED, out.bytes, kPointSize, nullptr) ==
         kPointSize;
}

BnPtr read_scalar(const Scalar& k) {
  BnPtr bn(BN_bin2bn(k.bytes, kScalarSize, nullptr));
  if (bn) BN_set_flags(bn.get(), BN_FLG_CONSTTIME);
  return bn;
}

// k·P (k·G when p is null), into `out`.
bool mul_into(const EC_GROUP* group, const Scalar& k, const Point* p, EC_POINT* out) {
  BnPtr scalar = read_scalar(k);
  if (!scalar) return false;
  if (p == nullptr) return EC_POINT_mul(group, out, scalar.get(), nullptr, nullptr, nullptr) == 1;
  PointPtr point = read_point(group, *p);
  return point && EC_POINT_mul(group, out, nullptr, point.get(), scalar.get(), nullptr) == 1;
}

}  // namespace

OpenSslCrypto::OpenSslCrypto() : group_(EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1)) {}

OpenSslCrypto::~OpenSslCrypto() {
  EC_GROUP_free(group_);
}

bool OpenSslCrypto::p256_mul(const Scalar& k, const Point* p, Point& out) {
  PointPtr result(EC_POINT_new(group_));
  return result && mul_into(group_, k, p, result.get()) && write_point(group_, result.get(), out);
}

bool OpenSslCrypto::p256_mul_add(const Scalar& a, const Point* p, const Scalar& b, const Point& q,
                                 Point& out) {
  // Two constant-time multiplications and an addition, rather than OpenSSL's combined
  // (and variable-time) multi-scalar routine: both scalars are secret here.
  PointPtr first(EC_POINT_new(group_));
  PointPtr second(EC_POINT_new(group_));
  PointPtr sum(EC_POINT_new(group_));
  return first && second && sum && mul_into(group_, a, p, first.get()) &&
         mul_into(group_, b, &q, second.get()) &&
         EC_POINT_add(group_, sum.get(), first.get(), second.get(), nullptr) == 1 &&
         write_point(group_, sum.get(), out);
}

bool OpenSslCrypto::p256_valid_point(const Point& p) {
  return read_point(group_, p) != nullptr;
}

bool OpenSslCrypto::sha256(ByteView data, Digest& out) {
  unsigned int size = 0;
  return EVP_Digest(data.data, data.size, out.bytes, &size, EVP_sha256(), nullptr) == 1 && size == kHashSize;
}

bool OpenSslCrypto::hmac_sha256(ByteView key, ByteView data, Digest& out) {
  unsigned int size = 0;
  static const std::uint8_t kEmpty = 0;
  return HMAC(EVP_sha256(), key.size != 0 ? key.data : &kEmpty, static_cast<int>(key.size), data.data,
              data.size, out.bytes, &size) != nullptr &&
         size == kHashSize;
}

bool OpenSslCrypto::hkdf_sha256(ByteView salt, ByteView ikm, ByteView info, std::uint8_t* out,
                                std::size_t size) {
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nullptr));
  std::size_t written = size;
  return ctx && EVP_PKEY_derive_init(ctx.get()) == 1 &&
         EVP_PKEY_CTX_set_hkdf_md(ctx.get(), EVP_sha256()) == 1 &&
         (salt.size == 0 ||
          EVP_PKEY_CTX_set1_hkdf_salt(ctx.get(), salt.data, static_cast<int>(salt.size)) == 1) &&
         EVP_PKEY_CTX_set1_hkdf_key(ctx.get(), ikm.data, static_cast<int>(ikm.size)) == 1 &&
         EVP_PKEY_CTX_add1_hkdf_info(ctx.get(), info.data, static_cast<int>(info.size)) == 1 &&
         EVP_PKEY_derive(ctx.get(), out, &written) == 1 && written == size;
}

namespace {

bool ccm_init(EVP_CIPHER_CTX* ctx, bool encrypt, const std::uint8_t* key, const std::uint8_t* nonce,
              const std::uint8_t* tag) {
  return EVP_CipherInit_ex(ctx, EVP_aes_128_ccm(), nullptr, nullptr, nullptr, encrypt ? 1 : 0) == 1 &&
         EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, static_cast<int>(kCcmNonceSize), nullptr) == 1 &&
         EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, static_cast<int>(kCcmTagSize),
                             const_cast<std::uint8_t*>(tag)) == 1 &&
         EVP_CipherInit_ex(ctx, nullptr, nullptr, key, nonce, encrypt ? 1 : 0) == 1;
}

}  // namespace

bool OpenSslCrypto::aes128_ccm_seal(const std::uint8_t key[kAesKeySize],
                                    const std::uint8_t nonce[kCcmNonceSize], ByteView plain,
                                    std::uint8_t* out) {
  std::unique_ptr<EVP_CIPHER_CTX, CipherFree> ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  // CCM needs the total length first, even when it is zero.
  return ctx && ccm_init(ctx.get(), true, key, nonce, nullptr) &&
         EVP_CipherUpdate(ctx.get(), nullptr, &len, nullptr, static_cast<int>(plain.size)) == 1 &&
         EVP_CipherUpdate(ctx.get(), out, &len, plain.data, static_cast<int>(plain.size)) == 1 &&
         EVP_CipherFinal_ex(ctx.get(), out + len, &len) == 1 &&
         EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, static_cast<int>(kCcmTagSize),
                             out + plain.size) == 1;
}

bool OpenSslCrypto::aes128_ccm_open(const std::uint8_t key[kAesKeySize],
                                    const std::uint8_t nonce[kCcmNonceSize], ByteView sealed,
                                    std::uint8_t* out) {
  if (sealed.size < kCcmTagSize) return false;
  const std::size_t size = sealed.size - kCcmTagSize;
  std::unique_ptr<EVP_CIPHER_CTX, CipherFree> ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  // OpenSSL checks the tag inside the last update and releases nothing when it fails.
  return ctx && ccm_init(ctx.get(), false, key, nonce, sealed.data + size) &&
         EVP_CipherUpdate(ctx.get(), nullptr, &len, nullptr, static_cast<int>(size)) == 1 &&
         EVP_CipherUpdate(ctx.get(), out, &len, sealed.data, static_cast<int>(size)) == 1;
}

bool OpenSslCrypto::random(std::uint8_t* out, std::size_t size) {
  return RAND_bytes(out, static_cast<int>(size)) == 1;
}

bool pbkdf2_sha256(ByteView password, ByteView salt, std::uint32_t iterations, std::uint8_t* out,
                   std::size_t size) {
  return PKCS5_PBKDF2_HMAC(reinterpret_cast<const char*>(password.data), static_cast<int>(password.size),
                           salt.data, static_cast<int>(salt.size), static_cast<int>(iterations), EVP_sha256(),
                           static_cast<int>(size), out) == 1;
}

}  // namespace onboard::pake
