// Percent-encoding of field values, so any bytes (spaces, '=', quotes, NUL,
// UTF-8) travel inside one space-separated line.
#pragma once

#include <cstddef>
#include <string_view>

namespace onboard::air {

// True for bytes written as themselves: A-Z a-z 0-9 and - _ . ~ : / , + @ #.
// Every other byte is written as %XX (upper-case hex).
bool is_unreserved(unsigned char c);

// The encoded length of value.
std::size_t percent_encoded_size(std::string_view value);

// Encodes value into out. Returns the bytes written, or 0 with nothing
// promised about out when it does not fit (an empty value also returns 0).
std::size_t percent_encode(std::string_view value, char* out, std::size_t capacity);

// Decoding is codec::percent_decode(..., codec::Plus::literal), shared with protocol/setup.

}  // namespace onboard::air
