#include "ota_images.hpp"

#include <fstream>

#include "process.hpp"
#include "world.hpp"

namespace onboard::e2e {

std::vector<std::uint8_t> script_payload(const FirmwareSpec& spec) {
  std::string text = "#!/bin/sh\n# Onboard test firmware " + spec.version + " for " + spec.template_id + "\n";
  text += "exec " + shell_quote((bin_dir() / "onboard-device").string()) + " \"$@\"";
  for (const std::string& flag : spec.extra_flags) text += " " + shell_quote(flag);
  text += "\n";
  // Padding after the exec (never read): varied lines, so no two offsets look alike.
  std::uint32_t state = 0x9e3779b9u;
  static const char kDigits[] = "0123456789abcdef";
  while (text.size() < spec.size) {
    std::string line = "# ";
    for (int i = 0; i < 76; ++i) {
      state = state * 1664525u + 1013904223u;
      line += kDigits[state >> 28];
    }
    text += line + "\n";
  }
  text.resize(spec.size);
  return std::vector<std::uint8_t>(text.begin(), text.end());
}

MakerKey make_key(const std::filesystem::path& dir, const std::string& name) {
  MakerKey made;
  if (auto key = ota::generate_signing_key()) made.key = *key;
  made.public_file = dir / (name + ".pub");
  std::ofstream(made.public_file) << ota::public_key_text(made.key.public_key) << "\n";
  return made;
}

ImageFile write_image(const FirmwareSpec& spec, const ota::SigningKey& key,
                      const std::filesystem::path& out) {
  ImageFile file;
  const ota::SignedImage image = ota::make_signed_image(
      ota::ImageFields{spec.template_id, spec.version, spec.build, false}, script_payload(spec), key);
  if (image.bytes.empty()) {
    file.error = image.error;
    return file;
  }
  std::ofstream stream(out, std::ios::binary);
  stream.write(reinterpret_cast<const char*>(image.bytes.data()),
               static_cast<std::streamsize>(image.bytes.size()));
  if (!stream) {
    file.error = "cannot write " + out.string();
    return file;
  }
  file.path = out;
  file.size = image.bytes.size();
  return file;
}

bool flip_bit(const std::filesystem::path& file, std::size_t offset) {
  std::fstream stream(file, std::ios::in | std::ios::out | std::ios::binary);
  stream.seekg(static_cast<std::streamoff>(offset));
  char byte = 0;
  if (!stream.get(byte)) return false;
  byte = static_cast<char>(byte ^ 1);
  stream.seekp(static_cast<std::streamoff>(offset));
  return static_cast<bool>(stream.put(byte));
}

}  // namespace onboard::e2e
