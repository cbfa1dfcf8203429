// onboard-factory: what a production line runs once per batch. `codes` makes, per
// device, a verifier file for `onboard-device --setup-verifier` and a label (code,
// QR payload, QR PNG). The code itself goes only onto the label. `keygen` and `image`
// make the maker's OTA signing key and signed firmware images (see docs/ota.md).
#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "image_signing.hpp"
#include "setup_codes.hpp"

namespace {

constexpr char kExample[] =
    "examples: onboard-factory codes --template-id TMPL12345678 --count 10 --out labels/\n"
    "          onboard-factory keygen --out keys/\n"
    "          onboard-factory image --in fw.bin --version 1.2.0 --build 42 --template-id TMPL12345678 "
    "--key keys/ota-signing.key --out fw-1.2.0.obfw";

int run_keygen(const std::string& out_dir) {
  const auto files = onboard::factory::write_key_pair(out_dir);
  if (!files.error.empty()) {
    std::cerr << "onboard-factory keygen: " << files.error << "\n";
    return 1;
  }
  const std::string hex = onboard::ota::hex(files.key.data(), files.key.size());
  std::cout << "secret key: " << files.secret.string() << " (0600: keep it off the cloud and out of git)\n"
            << "public key: " << files.public_key.string() << "\n"
            << "firmware:   #define ONBOARD_OTA_PUBLIC_KEY \"" << hex << "\"\n"
            << "linux:      onboard-device --ota-public-key " << files.public_key.string() << "\n";
  return 0;
}

int run_image(const std::string& in, const onboard::ota::ImageFields& fields, const std::string& key_path,
              const std::string& out) {
  const auto key = onboard::factory::load_signing_key(key_path);
  if (!key.key) {
    std::cerr << "onboard-factory image: " << key.error << "\n";
    return 1;
  }
  const auto image = onboard::factory::write_signed_image(in, fields, *key.key, out);
  if (!image.error.empty()) {
    std::cerr << "onboard-factory image: " << image.error << "\n";
    return 1;
  }
  std::cout << out << ": template " << image.header.template_id << ", version " << image.header.version
            << ", build " << image.header.build << (image.header.downgrade() ? ", downgrade" : "") << ", "
            << image.size << " bytes, payload sha256 "
            << onboard::ota::hex(image.header.payload_sha256, sizeof image.header.payload_sha256) << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"onboard-factory: per-device setup codes for Onboard's secure setup, OTA keys and images"};
  app.require_subcommand(1);
  app.footer(std::string(kExample) + "\n");
  auto* codes = app.add_subcommand("codes", "make verifier files and labels (code, QR payload, QR PNG)");
  std::string template_id;
  int count = 1;
  std::string out_dir;
  std::uint32_t iterations = 10000;
  std::string prefix = "device";
  codes->add_option("--template-id", template_id, "template id from the console (TMPL...)")->required();
  codes->add_option("--count", count, "devices in the batch")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  codes->add_option("--out", out_dir, "directory for the files (created)")->required();
  codes->add_option("--iterations", iterations, "PBKDF2 iterations")
      ->check(CLI::Range(1000, 100000))
      ->capture_default_str();
  codes->add_option("--prefix", prefix, "file name prefix")->capture_default_str();
  auto* keygen = app.add_subcommand("keygen", "make the Ed25519 key pair that signs OTA images");
  std::string key_dir;
  keygen->add_option("--out", key_dir, "directory for ota-signing.key (0600) and ota-signing.pub")
      ->required();
  auto* image = app.add_subcommand("image", "sign a firmware file into an OTA image");
  std::string image_in;
  std::string image_out;
  std::string key_path;
  onboard::ota::ImageFields fields;
  image->add_option("--in", image_in, "the firmware file")->required();
  image->add_option("--version", fields.version, "firmware version, e.g. 1.2.0 (the login's fw)")->required();
  image->add_option("--build", fields.build, "build id, up to 32 characters (the login's build)")->required();
  image->add_option("--template-id", fields.template_id, "template id from the console (TMPL...)")
      ->required();
  image->add_option("--key", key_path, "the secret key from keygen (ota-signing.key)")->required();
  image->add_option("--out", image_out, "the image file to write")->required();
  image->add_flag("--downgrade", fields.downgrade,
                  "let devices running a higher version install this one (signed into the image)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    if (rc != 0) std::cerr << kExample << "\n";
    return rc;
  }
  if (keygen->parsed()) return run_keygen(key_dir);
  if (image->parsed()) return run_image(image_in, fields, key_path, image_out);
  if (template_id.find(':') != std::string::npos || template_id.empty()) {
    std::cerr << "onboard-factory: --template-id may not contain ':'\n" << kExample << "\n";
    return 2;
  }
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) {
    std::cerr << "onboard-factory: cannot create " << out_dir << ": " << ec.message() << "\n";
    return 1;
  }
  onboard::pake::OpenSslCrypto crypto;
  for (int i = 1; i <= count; ++i) {
    const auto device = onboard::factory::make_device_code(crypto, template_id, iterations);
    if (!device) {
      std::cerr << "onboard-factory: the random generator or PBKDF2 failed\n";
      return 1;
    }
    char number[16];
    std::snprintf(number, sizeof number, "%04d", i);
    const std::filesystem::path base = std::filesystem::path(out_dir) / (prefix + "-" + number);
    char json[512];
    const std::size_t size = onboard::pake::write_verifier_file(device->verifier, json, sizeof json);
    std::ofstream verifier(base.string() + ".verifier.json", std::ios::binary | std::ios::trunc);
    verifier << std::string_view(json, size) << "\n";
    std::ofstream label(base.string() + ".label.txt", std::ios::trunc);
    label << "template: " << template_id << "\nsetup code: " << device->code.substr(0, 4) << " "
          << device->code.substr(4) << "\nqr: " << device->qr_payload << "\n";
    if (!verifier || !label ||
        !onboard::factory::write_qr_png(device->qr_payload, base.string() + ".qr.png")) {
      std::cerr << "onboard-factory: cannot write " << base.string() << ".*\n";
      return 1;
    }
    std::cout << base.string() << ".verifier.json " << base.string() << ".label.txt " << base.string()
              << ".qr.png\n";
  }
  return 0;
}
