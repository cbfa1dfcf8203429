// Password hashing with Argon2id (libsodium crypto_pwhash_str).
#pragma once

#include <string>
#include <string_view>

namespace onboard::cloud {

// Throws std::runtime_error when libsodium runs out of memory.
std::string hash_password(std::string_view password);
bool verify_password(std::string_view stored_hash, std::string_view password);

}  // namespace onboard::cloud
