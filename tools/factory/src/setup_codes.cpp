#include "setup_codes.hpp"

#include <png.h>
#include <qrencode.h>

#include <cstdio>
#include <memory>

namespace onboard::factory {

std::optional<pake::VerifierFile> register_code(pake::OpenSslCrypto& crypto, const std::string& code,
                                                const std::vector<std::uint8_t>& salt,
                                                std::uint32_t iterations) {
  if (!pake::is_valid_setup_code(code) || salt.size() < pake::kMinSaltSize ||
      salt.size() > pake::kMaxSaltSize || iterations < pake::kMinIterations ||
      iterations > pake::kMaxIterations) {
    return std::nullopt;
  }
  std::uint8_t input[pake::kPbkdfInputSize];
  pake::write_pbkdf_input(code, input);
  std::uint8_t ws[pake::kPbkdfOutputSize];
  pake::Scalar w0;
  pake::Scalar w1;
  pake::VerifierFile file;
  const bool ok =
      pake::pbkdf2_sha256({input, sizeof input}, {salt.data(), salt.size()}, iterations, ws, sizeof ws) &&
      pake::derive_w0_w1(ws, w0, w1) && crypto.p256_mul(w1, nullptr, file.l);
  pake::secure_wipe(ws, sizeof ws);
  pake::secure_wipe(&w1, sizeof w1);
  pake::secure_wipe(input, sizeof input);
  if (!ok) return std::nullopt;
  std::copy(salt.begin(), salt.end(), file.salt);
  file.salt_size = salt.size();
  file.iterations = iterations;
  file.w0 = w0;
  return file;
}

std::optional<DeviceCode> make_device_code(pake::OpenSslCrypto& crypto, const std::string& template_id,
                                           std::uint32_t iterations) {
  DeviceCode out;
  // Rejection sampling over 32-bit draws keeps every valid code equally likely.
  for (int tries = 0; tries < 64 && out.code.empty(); ++tries) {
    std::uint8_t r[4];
    if (!crypto.random(r, sizeof r)) return std::nullopt;
    const std::uint32_t v =
        (std::uint32_t{r[0]} << 24) | (std::uint32_t{r[1]} << 16) | (std::uint32_t{r[2]} << 8) | r[3];
    if (v >= 4200000000u) continue;  // 42 * 10^8: an exact multiple of the 10^8 codes
    char digits[9];
    std::snprintf(digits, sizeof digits, "%08u", static_cast<unsigned>(v % 100000000u));
    if (pake::is_valid_setup_code(digits)) out.code = digits;
  }
  if (out.code.empty()) return std::nullopt;
  std::vector<std::uint8_t> salt(16);
  if (!crypto.random(salt.data(), salt.size())) return std::nullopt;
  auto verifier = register_code(crypto, out.code, salt, iterations);
  if (!verifier) return std::nullopt;
  out.verifier = *verifier;
  out.qr_payload = "ONB1:" + template_id + ":" + out.code;
  return out;
}

bool write_qr_png(const std::string& payload, const std::string& path, int scale) {
  std::unique_ptr<QRcode, void (*)(QRcode*)> qr(QRcode_encodeString8bit(payload.c_str(), 0, QR_ECLEVEL_M),
                                                QRcode_free);
  if (!qr) return false;
  const int quiet = 4;  // the quiet zone the QR standard asks for, in modules
  const int modules = qr->width + 2 * quiet;
  const int size = modules * scale;
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "wb"), std::fclose);
  if (!file) return false;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (info == nullptr) {
    png_destroy_write_struct(&png, nullptr);
    return false;
  }
  std::vector<png_byte> row(static_cast<std::size_t>(size));
  bool ok = false;
  if (setjmp(png_jmpbuf(png)) == 0) {
    png_init_io(png, file.get());
    png_set_IHDR(png, info, static_cast<png_uint_32>(size), static_cast<png_uint_32>(size), 8,
                 PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (int y = 0; y < size; ++y) {
      const int my = y / scale - quiet;
      for (int x = 0; x < size; ++x) {
        const int mx = x / scale - quiet;
        const bool dark = mx >= 0 && my >= 0 && mx < qr->width && my < qr->width &&
                          (qr->data[my * qr->width + mx] & 1) != 0;
        row[static_cast<std::size_t>(x)] = dark ? 0 : 255;
      }
      png_write_row(png, row.data());
    }
    png_write_end(png, nullptr);
    ok = true;
  }
  png_destroy_write_struct(&png, &info);
  return ok;
}

}  // namespace onboard::factory
