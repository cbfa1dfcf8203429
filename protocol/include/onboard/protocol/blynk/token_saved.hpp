// Onboard's confirmation that a device saved the token it logged in with: an
// INTERNAL message ("token" NUL "saved") on that same connection, after which
// the token a reconfigure replaced stops working. No heap, no exceptions.
#pragma once

#include <cstddef>
#include <string_view>

namespace onboard::blynk {

// The INTERNAL body's fields; public Blynk libraries never send this code.
inline constexpr std::string_view kTokenSavedCode = "token";
inline constexpr std::string_view kTokenSavedWhat = "saved";
inline constexpr std::size_t kTokenSavedBodySize = kTokenSavedCode.size() + 1 + kTokenSavedWhat.size();
// The whole body, for a sender with no buffer to spare (the device core).
inline constexpr std::string_view kTokenSavedBody{"token\0saved", kTokenSavedBodySize};

// Writes the body into out; returns its size, or 0 when capacity is too small.
std::size_t encode_token_saved(char* out, std::size_t capacity);
// True when an INTERNAL body is exactly that confirmation (one trailing NUL allowed).
bool is_token_saved(std::string_view body);

}  // namespace onboard::blynk
