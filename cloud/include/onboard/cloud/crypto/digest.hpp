// Hex digests of firmware images: SHA-256 (x-sha256, the shipment's identity of
// an image) and MD5 (x-MD5, the only check the Blynk library's OTA makes).
#pragma once

#include <string>
#include <string_view>

namespace onboard::cloud {

std::string sha256_hex(std::string_view bytes);
std::string md5_hex(std::string_view bytes);

}  // namespace onboard::cloud
