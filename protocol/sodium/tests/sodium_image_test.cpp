#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include "onboard/protocol/ota/sodium_image.hpp"

namespace onboard::ota {
namespace {

std::vector<std::uint8_t> firmware(std::size_t size) {
  std::vector<std::uint8_t> out(size);
  for (std::size_t i = 0; i < size; ++i) out[i] = static_cast<std::uint8_t>(i * 31 + 7);
  return out;
}

const ImageFields kFields{"TMPL1234abcd", "1.2.0", "build-42", false};

TEST(SodiumImage, SignedImageVerifies) {
  const auto key = generate_signing_key();
  ASSERT_TRUE(key);
  const SignedImage image = make_signed_image(kFields, firmware(5000), *key);
  ASSERT_TRUE(image.error.empty()) << image.error;
  EXPECT_EQ(image.bytes.size(), kHeaderSize + 5000 + kSignatureSize);
  ImageHeader h;
  EXPECT_EQ(verify_image(image.bytes.data(), image.bytes.size(), key->public_key, &h), VerifyError::none);
  EXPECT_STREQ(h.version, "1.2.0");
  EXPECT_STREQ(h.template_id, "TMPL1234abcd");
  EXPECT_STREQ(h.build, "build-42");
}

TEST(SodiumImage, RefusesTamperingAndOtherKeys) {
  const auto key = generate_signing_key();
  const auto other = generate_signing_key();
  ASSERT_TRUE(key && other);
  const SignedImage image = make_signed_image(kFields, firmware(3000), *key);
  ASSERT_FALSE(image.bytes.empty());
  auto bytes = image.bytes;
  bytes[kHeaderSize + 100] ^= 1;  // payload
  EXPECT_EQ(verify_image(bytes.data(), bytes.size(), key->public_key), VerifyError::hash);
  bytes = image.bytes;
  bytes[48] = '9';  // version "9.2.0": still a valid header, but not what was signed
  EXPECT_EQ(verify_image(bytes.data(), bytes.size(), key->public_key), VerifyError::signature);
  bytes = image.bytes;
  bytes.back() ^= 0x80;
  EXPECT_EQ(verify_image(bytes.data(), bytes.size(), key->public_key), VerifyError::signature);
  EXPECT_EQ(verify_image(image.bytes.data(), image.bytes.size(), other->public_key), VerifyError::signature);
  EXPECT_EQ(verify_image(image.bytes.data(), image.bytes.size() - 1, key->public_key), VerifyError::format);
}

TEST(SodiumImage, StreamingCheckMatchesInAnyChunking) {
  const auto key = generate_signing_key();
  ASSERT_TRUE(key);
  const SignedImage image = make_signed_image(kFields, firmware(10000), *key);
  for (std::size_t chunk : {1u, 97u, 4096u}) {
    StreamingImageCheck check;
    check.begin();
    const std::size_t signed_size = image.header.signed_size();
    for (std::size_t at = 0; at < signed_size; at += chunk) {
      const std::size_t n = std::min(chunk, signed_size - at);
      check.signed_bytes(image.bytes.data() + at, n);
      if (at + n > kHeaderSize) {
        const std::size_t from = std::max(at, kHeaderSize);
        check.payload_bytes(image.bytes.data() + from, at + n - from);
      }
    }
    const auto sha = check.payload_sha256();
    EXPECT_EQ(std::memcmp(sha.data(), image.header.payload_sha256, sha.size()), 0) << chunk;
    EXPECT_TRUE(check.signature_valid(image.bytes.data() + signed_size, key->public_key)) << chunk;
  }
}

TEST(SodiumImage, DowngradeMarkIsSigned) {
  const auto key = generate_signing_key();
  ImageFields fields = kFields;
  fields.downgrade = true;
  const SignedImage image = make_signed_image(fields, firmware(10), *key);
  ASSERT_FALSE(image.bytes.empty());
  EXPECT_TRUE(image.header.downgrade());
  auto bytes = image.bytes;
  bytes[8] = 0;  // clear the flag
  EXPECT_EQ(verify_image(bytes.data(), bytes.size(), key->public_key), VerifyError::signature);
}

TEST(SodiumImage, ExplainsBadFields) {
  const auto key = generate_signing_key();
  ImageFields fields = kFields;
  fields.version = "v2";
  EXPECT_NE(make_signed_image(fields, firmware(10), *key).error.find("version"), std::string::npos);
  fields = kFields;
  fields.template_id = "no spaces";
  EXPECT_NE(make_signed_image(fields, firmware(10), *key).error.find("template"), std::string::npos);
  EXPECT_NE(make_signed_image(kFields, {}, *key).error.find("empty"), std::string::npos);
}

TEST(SodiumImage, KeyTextRoundTripsAndNamesItsKind) {
  const auto key = generate_signing_key();
  ASSERT_TRUE(key);
  const std::string secret = secret_key_text(*key);
  const std::string pub = public_key_text(key->public_key);
  EXPECT_EQ(secret.rfind("onboard-ota-ed25519-secret ", 0), 0u);
  const auto back = read_secret_key_text(secret);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->public_key, key->public_key);
  const auto pub_back = read_public_key_text(pub);
  ASSERT_TRUE(pub_back);
  EXPECT_EQ(*pub_back, key->public_key);
  EXPECT_FALSE(read_secret_key_text(pub));
  EXPECT_FALSE(read_public_key_text(secret));
  std::string broken = secret;
  broken[40] = broken[40] == 'a' ? 'b' : 'a';  // the seed no longer gives the stored public half
  EXPECT_FALSE(read_secret_key_text(broken));
  EXPECT_FALSE(read_public_key_text("onboard-ota-ed25519-public 1234"));
}

}  // namespace
}  // namespace onboard::ota
