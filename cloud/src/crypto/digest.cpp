#include "onboard/cloud/crypto/digest.hpp"

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

namespace onboard::cloud {

namespace {
std::string hex_digest(const EVP_MD* md, std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, md, nullptr) != 1)
    throw std::runtime_error("EVP_Digest failed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0xf]);
  }
  return out;
}
}  // namespace

std::string sha256_hex(std::string_view bytes) {
  return hex_digest(EVP_sha256(), bytes);
}

std::string md5_hex(std::string_view bytes) {
  return hex_digest(EVP_md5(), bytes);
}

}  // namespace onboard::cloud
