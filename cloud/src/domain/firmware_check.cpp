#include "onboard/cloud/domain/firmware_check.hpp"

#include <openssl/sha.h>

#include <cstring>

#include "onboard/protocol/ota/image.hpp"

namespace onboard::cloud {

std::variant<ImageFacts, std::string> check_image(const std::string& bytes, std::size_t max_bytes) {
  if (bytes.size() > max_bytes) {
    return "the image is " + std::to_string(bytes.size()) + " bytes, over this server's limit of " +
           std::to_string(max_bytes) + " (firmware-max-bytes)";
  }
  const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
  ota::ImageParts parts;
  ota::HeaderError header_error = ota::HeaderError::none;
  switch (ota::split_image(data, bytes.size(), parts, &header_error)) {
    case ota::SplitError::none: break;
    case ota::SplitError::bad_header:
      return "not a readable Onboard image: " + std::string(ota::to_string(header_error));
    case ota::SplitError::size_mismatch:
      return "the image is " + std::to_string(bytes.size()) + " bytes but its header says " +
             std::to_string(parts.header.image_size()) + " (header, payload, signature)";
  }
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(parts.payload, parts.header.payload_size, digest);
  if (std::memcmp(digest, parts.header.payload_sha256, sizeof digest) != 0)
    return std::string("the payload does not match the SHA-256 in the header (a damaged or altered image)");
  return ImageFacts{parts.header.template_id, parts.header.version, parts.header.build};
}

}  // namespace onboard::cloud
