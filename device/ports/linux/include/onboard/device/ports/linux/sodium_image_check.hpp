// hal::ImageCheck on libsodium (SHA-256 and Ed25519ph), for onboard-device.
#pragma once

#include <algorithm>

#include "onboard/device/hal/firmware.hpp"
#include "onboard/protocol/ota/sodium_image.hpp"

namespace onboard::port {

class SodiumImageCheck final : public hal::ImageCheck {
 public:
  void begin() override { check_.begin(); }
  void signed_bytes(const std::uint8_t* data, std::size_t size) override { check_.signed_bytes(data, size); }
  void payload_bytes(const std::uint8_t* data, std::size_t size) override {
    check_.payload_bytes(data, size);
  }
  void payload_sha256(std::uint8_t out[kSha256Size]) override {
    const auto sha = check_.payload_sha256();
    std::copy(sha.begin(), sha.end(), out);
  }
  bool signature_valid(const std::uint8_t signature[kSignatureSize],
                       const std::uint8_t public_key[kPublicKeySize]) override {
    ota::PublicKey key{};
    std::copy(public_key, public_key + kPublicKeySize, key.begin());
    return check_.signature_valid(signature, key);
  }

 private:
  ota::StreamingImageCheck check_;
};

}  // namespace onboard::port
