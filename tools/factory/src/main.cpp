// onboard-factory: what a production line runs once per batch. `codes` makes, per
// device, a verifier file for `onboard-device --setup-verifier` and a label (code,
// QR payload, QR PNG). The code itself goes only onto the label.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "setup_codes.hpp"

namespace {

constexpr char kExample[] =
    "example: onboard-factory codes --template-id TMPL12345678 --count 10 --out labels/";

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"onboard-factory: per-device setup codes for Onboard's secure setup"};
  app.require_subcommand(1);
  app.footer(kExample);
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
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    if (rc != 0) std::cerr << kExample << "\n";
    return rc;
  }
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
