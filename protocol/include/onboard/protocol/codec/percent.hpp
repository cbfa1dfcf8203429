// The one percent-decoder of the project: setup queries, air lines and the cloud's REST
// queries all read %XX through it, so an escape means the same bytes everywhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace onboard::codec {

// What '+' stands for: itself (air lines, where '+' is written unescaped) or a space
// (query strings and HTML forms, where browsers write a space as '+').
enum class Plus : std::uint8_t { literal, space };

enum class DecodeStatus : std::uint8_t {
  ok,
  bad_escape,  // '%' not followed by two hex digits
  too_long,    // the decoded text does not fit the output buffer
};

struct DecodeResult {
  DecodeStatus status;
  std::size_t size;  // bytes written to the output; valid only when status == ok
  bool ok() const { return status == DecodeStatus::ok; }
};

std::string_view to_string(DecodeStatus status);

// The value of a hex digit (either case), or -1.
int hex_value(char c);

// Decodes %XX (either case) to its byte, and '+' as `plus` says; %00 yields a NUL byte that
// the caller must judge. Never reads past `in` nor writes past out[cap - 1]; `out` may be
// in.data() (decoding never grows). On error the output holds an unspecified prefix.
DecodeResult percent_decode(std::string_view in, char* out, std::size_t cap, Plus plus);

}  // namespace onboard::codec
