// What onboard-factory makes per device: a random setup code, its registration (salt,
// iterations, w0, L per RFC 9383 section 3.2) and the label's QR payload.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "onboard/protocol/pake/openssl_crypto.hpp"
#include "onboard/protocol/pake/verifier_file.hpp"

namespace onboard::factory {

struct DeviceCode {
  std::string code;        // 8 digits, printed on the label only
  std::string qr_payload;  // ONB1:<template id>:<code>
  pake::VerifierFile verifier;
};

// A code drawn uniformly from the valid ones, its salt from `crypto`.
std::optional<DeviceCode> make_device_code(pake::OpenSslCrypto& crypto, const std::string& template_id,
                                           std::uint32_t iterations);
// The registration of a given code and salt (w0 and L only: w1 is not kept).
std::optional<pake::VerifierFile> register_code(pake::OpenSslCrypto& crypto, const std::string& code,
                                                const std::vector<std::uint8_t>& salt,
                                                std::uint32_t iterations);

// The QR code of `payload` as a PNG (libqrencode, then libpng), `scale` pixels a module.
bool write_qr_png(const std::string& payload, const std::string& path, int scale = 8);

}  // namespace onboard::factory
