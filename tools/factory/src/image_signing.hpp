// onboard-factory's OTA half: the maker's Ed25519 key pair on disk (secret 0600) and signed
// images made from a firmware file. Errors are sentences for the person at the terminal.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "onboard/protocol/ota/sodium_image.hpp"

namespace onboard::factory {

inline constexpr char kSecretKeyFile[] = "ota-signing.key";
inline constexpr char kPublicKeyFile[] = "ota-signing.pub";

struct KeyFiles {
  std::filesystem::path secret;
  std::filesystem::path public_key;
  ota::PublicKey key{};
  std::string error;  // empty on success
};

// Creates `dir` if needed and writes a new key pair there; never overwrites a key.
KeyFiles write_key_pair(const std::filesystem::path& dir);

struct LoadedKey {
  std::optional<ota::SigningKey> key;
  std::string error;
};

// Refuses a key file that group or others may read, or that is not an OTA secret key.
LoadedKey load_signing_key(const std::filesystem::path& path);

struct ImageFile {
  ota::ImageHeader header;
  std::size_t size = 0;
  std::string error;
};

// Reads `in`, signs it and writes `out` (through a temporary file, renamed into place).
ImageFile write_signed_image(const std::filesystem::path& in, const ota::ImageFields& fields,
                             const ota::SigningKey& key, const std::filesystem::path& out);

}  // namespace onboard::factory
