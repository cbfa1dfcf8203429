// The signed firmware image: a 128-byte header, the payload, and an Ed25519ph signature
// over header and payload. Makers write it (onboard-factory), the cloud checks it, devices verify it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace onboard::ota {

// Layout (little-endian; offsets in bytes):
//   0  magic "OBFW"          4   format version (1)   6  header size (128)
//   8  flags                 12  payload size
//   16 template id [32]      48  firmware version [16]   64 build [32]   (NUL-padded text)
//   96 SHA-256 of the payload [32]
//   128 payload, then 64 bytes: Ed25519ph (RFC 8032, empty context) over bytes [0, 128 + payload).
inline constexpr std::uint8_t kMagic[4] = {'O', 'B', 'F', 'W'};
inline constexpr std::uint16_t kFormatVersion = 1;
inline constexpr std::size_t kHeaderSize = 128;
inline constexpr std::size_t kSignatureSize = 64;
inline constexpr std::size_t kPublicKeySize = 32;
inline constexpr std::size_t kSha256Size = 32;
inline constexpr std::size_t kTemplateIdCapacity = 32;
inline constexpr std::size_t kVersionCapacity = 16;
inline constexpr std::size_t kBuildCapacity = 32;
// A bound for every reader; the cloud and the device's slot size impose their own, smaller ones.
inline constexpr std::uint32_t kMaxPayloadSize = 64u * 1024u * 1024u;

// Bit 0: the maker ships this image as an explicit downgrade, so a device running a higher
// version accepts it. Signed like the rest, so nobody but the maker can set it.
inline constexpr std::uint32_t kFlagDowngrade = 1u << 0;
inline constexpr std::uint32_t kKnownFlags = kFlagDowngrade;

struct ImageHeader {
  std::uint32_t flags = 0;
  std::uint32_t payload_size = 0;
  // NUL-terminated copies of the text fields.
  char template_id[kTemplateIdCapacity + 1] = {};
  char version[kVersionCapacity + 1] = {};
  char build[kBuildCapacity + 1] = {};
  std::uint8_t payload_sha256[kSha256Size] = {};

  bool downgrade() const { return (flags & kFlagDowngrade) != 0; }
  // Offset of the signature, which is also the number of signed bytes.
  std::size_t signed_size() const { return kHeaderSize + payload_size; }
  std::size_t image_size() const { return kHeaderSize + payload_size + kSignatureSize; }
};

// Append-only: the strings are what onboard-factory and the cloud's upload answer print.
enum class HeaderError : std::uint8_t {
  none,
  too_short,           // fewer than kHeaderSize bytes
  bad_magic,           // not an Onboard image
  unsupported_format,  // a format version this reader does not know
  bad_header_size,
  unknown_flags,    // a flag bit this reader does not know
  bad_template_id,  // empty, not NUL-padded, or characters outside [A-Za-z0-9_-]
  bad_version,      // not 1 to 4 dot-separated decimal numbers
  bad_build,        // not NUL-padded printable ASCII
  empty_payload,
  payload_too_large,  // over kMaxPayloadSize
};

std::string_view to_string(HeaderError error);

// Checks and reads a header from the first `size` bytes of an image.
HeaderError read_header(const std::uint8_t* bytes, std::size_t size, ImageHeader& out);

// Writes the header into out[kHeaderSize]. Returns the error read_header would report for
// these fields (and writes nothing then), so a writer cannot produce an image readers refuse.
HeaderError write_header(const ImageHeader& header, std::uint8_t* out);

// A whole image in memory (the cloud's upload, the factory's output): its parts as views.
struct ImageParts {
  ImageHeader header;
  const std::uint8_t* signed_bytes = nullptr;  // header + payload, header.signed_size() bytes
  const std::uint8_t* payload = nullptr;
  const std::uint8_t* signature = nullptr;  // kSignatureSize bytes
};

enum class SplitError : std::uint8_t { none, bad_header, size_mismatch };

// Reads the header and checks that `size` is exactly header + payload + signature.
// `header_error` receives the header's own error when the result is bad_header.
SplitError split_image(const std::uint8_t* bytes, std::size_t size, ImageParts& out,
                       HeaderError* header_error = nullptr);

// Sets a text field; false when `text` does not fit or is not valid for that field.
bool set_template_id(ImageHeader& header, std::string_view text);
bool set_version(ImageHeader& header, std::string_view text);
bool set_build(ImageHeader& header, std::string_view text);

}  // namespace onboard::ota
