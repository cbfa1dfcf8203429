#include "onboard/protocol/ota/image.hpp"

#include <cstring>

#include "onboard/protocol/ota/version.hpp"

namespace onboard::ota {
namespace {

constexpr std::size_t kOffFormat = 4;
constexpr std::size_t kOffHeaderSize = 6;
constexpr std::size_t kOffFlags = 8;
constexpr std::size_t kOffPayloadSize = 12;
constexpr std::size_t kOffTemplate = 16;
constexpr std::size_t kOffVersion = kOffTemplate + kTemplateIdCapacity;
constexpr std::size_t kOffBuild = kOffVersion + kVersionCapacity;
constexpr std::size_t kOffSha = kOffBuild + kBuildCapacity;
static_assert(kOffSha + kSha256Size == kHeaderSize, "the header fields fill exactly 128 bytes");

std::uint16_t get16(const std::uint8_t* p) {
  return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}
std::uint32_t get32(const std::uint8_t* p) {
  return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
         (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}
void put16(std::uint8_t* p, std::uint16_t v) {
  p[0] = static_cast<std::uint8_t>(v);
  p[1] = static_cast<std::uint8_t>(v >> 8);
}
void put32(std::uint8_t* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}

bool template_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}
bool build_char(char c) {
  return c >= 0x20 && c <= 0x7e;
}

bool valid_template(std::string_view t) {
  if (t.empty() || t.size() > kTemplateIdCapacity) return false;
  for (char c : t) {
    if (!template_char(c)) return false;
  }
  return true;
}
bool valid_version(std::string_view v) {
  Version parsed;
  return v.size() <= kVersionCapacity && parse_version(v, parsed);
}
// An empty build is allowed: the login's `build` may be empty too.
bool valid_build(std::string_view b) {
  if (b.size() > kBuildCapacity) return false;
  for (char c : b) {
    if (!build_char(c)) return false;
  }
  return true;
}

// A NUL-padded field: text up to the first NUL, and only NULs after it.
bool read_text(const std::uint8_t* field, std::size_t cap, char* out, std::string_view& text) {
  std::size_t n = 0;
  while (n < cap && field[n] != 0) ++n;
  for (std::size_t i = n; i < cap; ++i) {
    if (field[i] != 0) return false;
  }
  std::memcpy(out, field, n);
  out[n] = '\0';
  text = std::string_view(out, n);
  return true;
}

bool copy_text(std::string_view text, char* out, std::size_t cap) {
  if (text.size() > cap) return false;
  std::memcpy(out, text.data(), text.size());
  out[text.size()] = '\0';
  return true;
}

HeaderError check_fields(const ImageHeader& h) {
  if ((h.flags & ~kKnownFlags) != 0) return HeaderError::unknown_flags;
  if (!valid_template(h.template_id)) return HeaderError::bad_template_id;
  if (!valid_version(h.version)) return HeaderError::bad_version;
  if (!valid_build(h.build)) return HeaderError::bad_build;
  if (h.payload_size == 0) return HeaderError::empty_payload;
  if (h.payload_size > kMaxPayloadSize) return HeaderError::payload_too_large;
  return HeaderError::none;
}

}  // namespace

std::string_view to_string(HeaderError error) {
  switch (error) {
    case HeaderError::none: return "none";
    case HeaderError::too_short: return "too_short";
    case HeaderError::bad_magic: return "bad_magic";
    case HeaderError::unsupported_format: return "unsupported_format";
    case HeaderError::bad_header_size: return "bad_header_size";
    case HeaderError::unknown_flags: return "unknown_flags";
    case HeaderError::bad_template_id: return "bad_template_id";
    case HeaderError::bad_version: return "bad_version";
    case HeaderError::bad_build: return "bad_build";
    case HeaderError::empty_payload: return "empty_payload";
    case HeaderError::payload_too_large: return "payload_too_large";
  }
  return "unknown";
}

HeaderError read_header(const std::uint8_t* bytes, std::size_t size, ImageHeader& out) {
  if (bytes == nullptr || size < kHeaderSize) return HeaderError::too_short;
  if (std::memcmp(bytes, kMagic, sizeof kMagic) != 0) return HeaderError::bad_magic;
  if (get16(bytes + kOffFormat) != kFormatVersion) return HeaderError::unsupported_format;
  if (get16(bytes + kOffHeaderSize) != kHeaderSize) return HeaderError::bad_header_size;
  ImageHeader h;
  h.flags = get32(bytes + kOffFlags);
  h.payload_size = get32(bytes + kOffPayloadSize);
  std::string_view text;
  if (!read_text(bytes + kOffTemplate, kTemplateIdCapacity, h.template_id, text)) {
    return HeaderError::bad_template_id;
  }
  if (!read_text(bytes + kOffVersion, kVersionCapacity, h.version, text)) return HeaderError::bad_version;
  if (!read_text(bytes + kOffBuild, kBuildCapacity, h.build, text)) return HeaderError::bad_build;
  std::memcpy(h.payload_sha256, bytes + kOffSha, kSha256Size);
  const HeaderError e = check_fields(h);
  if (e != HeaderError::none) return e;
  out = h;
  return HeaderError::none;
}

HeaderError write_header(const ImageHeader& header, std::uint8_t* out) {
  // The text fields must be terminated within their arrays before anything reads them.
  if (std::memchr(header.template_id, 0, sizeof header.template_id) == nullptr) {
    return HeaderError::bad_template_id;
  }
  if (std::memchr(header.version, 0, sizeof header.version) == nullptr) return HeaderError::bad_version;
  if (std::memchr(header.build, 0, sizeof header.build) == nullptr) return HeaderError::bad_build;
  const HeaderError e = check_fields(header);
  if (e != HeaderError::none) return e;
  std::memset(out, 0, kHeaderSize);
  std::memcpy(out, kMagic, sizeof kMagic);
  put16(out + kOffFormat, kFormatVersion);
  put16(out + kOffHeaderSize, static_cast<std::uint16_t>(kHeaderSize));
  put32(out + kOffFlags, header.flags);
  put32(out + kOffPayloadSize, header.payload_size);
  std::memcpy(out + kOffTemplate, header.template_id, std::strlen(header.template_id));
  std::memcpy(out + kOffVersion, header.version, std::strlen(header.version));
  std::memcpy(out + kOffBuild, header.build, std::strlen(header.build));
  std::memcpy(out + kOffSha, header.payload_sha256, kSha256Size);
  return HeaderError::none;
}

SplitError split_image(const std::uint8_t* bytes, std::size_t size, ImageParts& out,
                       HeaderError* header_error) {
  ImageHeader h;
  const HeaderError e = read_header(bytes, size, h);
  if (header_error != nullptr) *header_error = e;
  if (e != HeaderError::none) return SplitError::bad_header;
  if (size != h.image_size()) return SplitError::size_mismatch;
  out.header = h;
  out.signed_bytes = bytes;
  out.payload = bytes + kHeaderSize;
  out.signature = bytes + h.signed_size();
  return SplitError::none;
}

bool set_template_id(ImageHeader& header, std::string_view text) {
  return valid_template(text) && copy_text(text, header.template_id, kTemplateIdCapacity);
}
bool set_version(ImageHeader& header, std::string_view text) {
  return valid_version(text) && copy_text(text, header.version, kVersionCapacity);
}
bool set_build(ImageHeader& header, std::string_view text) {
  return valid_build(text) && copy_text(text, header.build, kBuildCapacity);
}

}  // namespace onboard::ota
