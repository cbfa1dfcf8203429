#include "onboard/protocol/ota/sodium_image.hpp"

#include <sodium.h>

#include <cstring>

namespace onboard::ota {
namespace {

constexpr std::string_view kSecretTag = "onboard-ota-ed25519-secret ";
constexpr std::string_view kPublicTag = "onboard-ota-ed25519-public ";

static_assert(sizeof(crypto_sign_state) <= 256, "StreamingImageCheck::sign_state_ is too small");
static_assert(sizeof(crypto_hash_sha256_state) <= 128, "StreamingImageCheck::sha_state_ is too small");

std::string_view strip_line(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.remove_suffix(1);
  }
  return text;
}

bool unhex(std::string_view text, std::uint8_t* out, std::size_t size) {
  std::size_t written = 0;
  return text.size() == size * 2 &&
         sodium_hex2bin(out, size, text.data(), text.size(), nullptr, &written, nullptr) == 0 &&
         written == size;
}

crypto_sign_state* sign_state(std::uint8_t* raw) {
  return reinterpret_cast<crypto_sign_state*>(raw);
}
crypto_hash_sha256_state* sha_state(std::uint8_t* raw) {
  return reinterpret_cast<crypto_hash_sha256_state*>(raw);
}

}  // namespace

bool sodium_ready() {
  return sodium_init() >= 0;
}

std::optional<SigningKey> generate_signing_key() {
  if (!sodium_ready()) return std::nullopt;
  SigningKey key;
  if (crypto_sign_keypair(key.public_key.data(), key.secret_key.data()) != 0) return std::nullopt;
  return key;
}

std::string hex(const std::uint8_t* data, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

std::string secret_key_text(const SigningKey& key) {
  return std::string(kSecretTag) + hex(key.secret_key.data(), key.secret_key.size()) + "\n";
}

std::string public_key_text(const PublicKey& key) {
  return std::string(kPublicTag) + hex(key.data(), key.size()) + "\n";
}

std::optional<SigningKey> read_secret_key_text(std::string_view text) {
  text = strip_line(text);
  if (text.substr(0, kSecretTag.size()) != kSecretTag || !sodium_ready()) return std::nullopt;
  SigningKey key;
  if (!unhex(text.substr(kSecretTag.size()), key.secret_key.data(), key.secret_key.size()))
    return std::nullopt;
  // The public half is inside the secret key; check it matches the seed.
  PublicKey derived{};
  if (crypto_sign_ed25519_sk_to_pk(derived.data(), key.secret_key.data()) != 0) return std::nullopt;
  std::uint8_t seed[crypto_sign_SEEDBYTES];
  std::uint8_t again[crypto_sign_SECRETKEYBYTES];
  crypto_sign_ed25519_sk_to_seed(seed, key.secret_key.data());
  crypto_sign_seed_keypair(derived.data(), again, seed);
  const bool consistent = sodium_memcmp(again, key.secret_key.data(), sizeof again) == 0;
  sodium_memzero(seed, sizeof seed);
  sodium_memzero(again, sizeof again);
  if (!consistent) return std::nullopt;
  key.public_key = derived;
  return key;
}

std::optional<PublicKey> read_public_key_text(std::string_view text) {
  text = strip_line(text);
  if (text.substr(0, kPublicTag.size()) != kPublicTag) return std::nullopt;
  PublicKey key{};
  if (!unhex(text.substr(kPublicTag.size()), key.data(), key.size())) return std::nullopt;
  return key;
}

SignedImage make_signed_image(const ImageFields& fields, const std::vector<std::uint8_t>& payload,
                              const SigningKey& key) {
  SignedImage out;
  if (!sodium_ready()) {
    out.error = "libsodium could not start";
    return out;
  }
  ImageHeader& h = out.header;
  if (!set_template_id(h, fields.template_id)) {
    out.error = "template id must be 1-32 characters of A-Z a-z 0-9 _ -";
    return out;
  }
  if (!set_version(h, fields.version)) {
    out.error = "version must be 1 to 4 dot-separated numbers (e.g. 1.4.2), at most 16 characters";
    return out;
  }
  if (!set_build(h, fields.build)) {
    out.error = "build must be at most 32 printable ASCII characters";
    return out;
  }
  if (payload.empty()) {
    out.error = "the firmware file is empty";
    return out;
  }
  if (payload.size() > kMaxPayloadSize) {
    out.error = "the firmware file is over 64 MiB";
    return out;
  }
  h.payload_size = static_cast<std::uint32_t>(payload.size());
  h.flags = fields.downgrade ? kFlagDowngrade : 0;
  crypto_hash_sha256(h.payload_sha256, payload.data(), payload.size());
  out.bytes.resize(h.image_size());
  if (const HeaderError e = write_header(h, out.bytes.data()); e != HeaderError::none) {
    out.bytes.clear();
    out.error = std::string("header: ") + std::string(to_string(e));
    return out;
  }
  std::memcpy(out.bytes.data() + kHeaderSize, payload.data(), payload.size());
  crypto_sign_state state;
  crypto_sign_init(&state);
  crypto_sign_update(&state, out.bytes.data(), h.signed_size());
  if (crypto_sign_final_create(&state, out.bytes.data() + h.signed_size(), nullptr, key.secret_key.data()) !=
      0) {
    out.bytes.clear();
    out.error = "signing failed";
  }
  return out;
}

std::string_view to_string(VerifyError error) {
  switch (error) {
    case VerifyError::none: return "none";
    case VerifyError::format: return "format";
    case VerifyError::hash: return "hash";
    case VerifyError::signature: return "signature";
  }
  return "unknown";
}

VerifyError verify_image(const std::uint8_t* bytes, std::size_t size, const PublicKey& key,
                         ImageHeader* header) {
  ImageParts parts;
  if (split_image(bytes, size, parts) != SplitError::none) return VerifyError::format;
  StreamingImageCheck check;
  check.begin();
  check.payload_bytes(parts.payload, parts.header.payload_size);
  const auto sha = check.payload_sha256();
  if (sodium_memcmp(sha.data(), parts.header.payload_sha256, sha.size()) != 0) return VerifyError::hash;
  check.signed_bytes(parts.signed_bytes, parts.header.signed_size());
  if (!check.signature_valid(parts.signature, key)) return VerifyError::signature;
  if (header != nullptr) *header = parts.header;
  return VerifyError::none;
}

StreamingImageCheck::StreamingImageCheck() {
  begin();
}

void StreamingImageCheck::begin() {
  sodium_ready();
  crypto_sign_init(sign_state(sign_state_));
  crypto_hash_sha256_init(sha_state(sha_state_));
}

void StreamingImageCheck::signed_bytes(const std::uint8_t* data, std::size_t size) {
  crypto_sign_update(sign_state(sign_state_), data, size);
}

void StreamingImageCheck::payload_bytes(const std::uint8_t* data, std::size_t size) {
  crypto_hash_sha256_update(sha_state(sha_state_), data, size);
}

std::array<std::uint8_t, kSha256Size> StreamingImageCheck::payload_sha256() {
  std::array<std::uint8_t, kSha256Size> out{};
  crypto_hash_sha256_final(sha_state(sha_state_), out.data());
  return out;
}

bool StreamingImageCheck::signature_valid(const std::uint8_t* signature, const PublicKey& key) {
  return crypto_sign_final_verify(sign_state(sign_state_), signature, key.data()) == 0;
}

}  // namespace onboard::ota
