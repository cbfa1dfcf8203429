// Signing and verifying OTA images with libsodium, for host programs: onboard-factory signs,
// the Linux device port verifies, tests make good and bad images. Not for microcontrollers.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onboard/protocol/ota/image.hpp"

namespace onboard::ota {

using PublicKey = std::array<std::uint8_t, kPublicKeySize>;

struct SigningKey {
  PublicKey public_key{};
  std::array<std::uint8_t, 64> secret_key{};  // libsodium's seed + public key
};

// False when libsodium cannot start (no entropy source).
bool sodium_ready();

std::optional<SigningKey> generate_signing_key();

// Key files are one line of text: "onboard-ota-ed25519-secret <128 hex>" and
// "onboard-ota-ed25519-public <64 hex>", so a wrong file is named as such.
std::string secret_key_text(const SigningKey& key);
std::string public_key_text(const PublicKey& key);
std::optional<SigningKey> read_secret_key_text(std::string_view text);
std::optional<PublicKey> read_public_key_text(std::string_view text);
std::string hex(const std::uint8_t* data, std::size_t size);

struct ImageFields {
  std::string template_id;
  std::string version;
  std::string build;
  bool downgrade = false;
};

struct SignedImage {
  std::vector<std::uint8_t> bytes;  // empty on error
  std::string error;                // why, for a person
  ImageHeader header;
};

SignedImage make_signed_image(const ImageFields& fields, const std::vector<std::uint8_t>& payload,
                              const SigningKey& key);

// Append-only, like the device's reasons: the device reports the same names.
enum class VerifyError : std::uint8_t { none, format, hash, signature };
std::string_view to_string(VerifyError error);

// A whole image in memory: its header, then SHA-256 of the payload, then the signature.
VerifyError verify_image(const std::uint8_t* bytes, std::size_t size, const PublicKey& key,
                         ImageHeader* header = nullptr);

// The same checks streamed, for an image read back out of a slot in chunks.
class StreamingImageCheck {
 public:
  StreamingImageCheck();
  void begin();
  void signed_bytes(const std::uint8_t* data, std::size_t size);  // header, then payload
  void payload_bytes(const std::uint8_t* data, std::size_t size);
  std::array<std::uint8_t, kSha256Size> payload_sha256();
  bool signature_valid(const std::uint8_t* signature, const PublicKey& key);

 private:
  alignas(64) std::uint8_t sign_state_[256];
  alignas(64) std::uint8_t sha_state_[128];
};

}  // namespace onboard::ota
