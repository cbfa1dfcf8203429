// --setup-verifier: reads onboard-factory's verifier file and makes the device secure-only.
#pragma once

#include <string>

#include "onboard/device/device.hpp"
#include "onboard/device/hal/crypto.hpp"

namespace onboard::program {

// "" when the device is now secure-only; otherwise what is wrong with the file.
std::string enable_secure_setup(device::Device& device, hal::Crypto& crypto, const std::string& path);

}  // namespace onboard::program
