// The firmware the OTA scenarios ship: a shell script that execs the real onboard-device
// (a Linux slot payload is exec'ed with the board's arguments), padded so a power cut
// lands in the middle of its download, signed like onboard-factory image does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "onboard/protocol/ota/sodium_image.hpp"

namespace onboard::e2e {

struct FirmwareSpec {
  std::string template_id;
  std::string version;
  std::string build = "1";
  std::vector<std::string> extra_flags;  // appended to onboard-device's arguments
  std::size_t size = 1536 * 1024;        // payload bytes, padding included
};

// The payload: `#!/bin/sh`, `exec onboard-device "$@" FLAGS`, then comment lines of padding
// the shell never reads.
std::vector<std::uint8_t> script_payload(const FirmwareSpec& spec);

// The maker's key pair, with the public key written where onboard-device reads it.
struct MakerKey {
  ota::SigningKey key;
  std::filesystem::path public_file;
};
MakerKey make_key(const std::filesystem::path& dir, const std::string& name);

// A signed image of script_payload(spec), written to `out`; empty on failure (error set).
struct ImageFile {
  std::filesystem::path path;
  std::size_t size = 0;
  std::string error;
};
ImageFile write_image(const FirmwareSpec& spec, const ota::SigningKey& key, const std::filesystem::path& out);

// Flips one bit of a file at `offset` (a tampered image).
bool flip_bit(const std::filesystem::path& file, std::size_t offset);

}  // namespace onboard::e2e
