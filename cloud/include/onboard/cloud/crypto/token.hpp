// Random identifiers and tokens from the OS CSPRNG (libsodium), and the one-way
// hash under which every token is stored.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace onboard::cloud {

// base64url (no padding) of `bytes` random bytes: 24 bytes -> 32 characters.
std::string random_token(std::size_t bytes = 24);
// `length` random characters from [A-Za-z0-9].
std::string random_alnum(std::size_t length);
// Lower-case hex SHA-256: how tokens and sessions are kept in the store.
std::string token_hash(std::string_view token);
// True when s looks like a Blynk token (32 base64url characters).
bool is_token_shaped(std::string_view s);

}  // namespace onboard::cloud
