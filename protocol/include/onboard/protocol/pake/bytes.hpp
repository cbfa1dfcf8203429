// Byte views, hex and the constant-time helpers the secure setup session is built on.
// Plain functions over the caller's memory: no heap, usable on a microcontroller.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace onboard::pake {

// A read-only run of bytes owned by someone else.
struct ByteView {
  const std::uint8_t* data = nullptr;
  std::size_t size = 0;
};

inline ByteView view_of(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

// Equal in time that depends only on `size`, never on where the first difference is:
// every MAC and tag comparison goes through here.
bool constant_time_equal(const std::uint8_t* a, const std::uint8_t* b, std::size_t size);

// Zeroes memory in a way the optimiser may not drop, for keys and ephemeral scalars.
void secure_wipe(void* data, std::size_t size);

// Lowercase hex, two characters a byte. Returns the characters written, or 0 when `cap`
// is too small (nothing is written then).
std::size_t hex_encode(ByteView bytes, char* out, std::size_t cap);

// Decodes exactly `size` bytes from `hex` (2*size characters, either case). False, with
// `out` in an unspecified state, on a wrong length or a non-hex character.
bool hex_decode_exact(std::string_view hex, std::uint8_t* out, std::size_t size);

// Like hex_decode_exact for a length up to `cap`; `size` receives the bytes decoded.
bool hex_decode(std::string_view hex, std::uint8_t* out, std::size_t cap, std::size_t& size);

}  // namespace onboard::pake
