// The 5-byte Blynk frame header (command, message id, length; big-endian) and
// whole-message encoding into a caller's buffer. No heap, no exceptions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onboard/protocol/blynk/command.hpp"

namespace onboard::blynk {

inline constexpr std::size_t kHeaderSize = 5;
// The length field is 16 bits, so no body can be longer.
inline constexpr std::size_t kMaxBodySize = 0xFFFF;

struct Header {
  std::uint8_t command = 0;  // raw, so unknown commands can be reported
  std::uint16_t message_id = 0;
  std::uint16_t length = 0;  // body length, or the status of a RESPONSE

  bool is_response() const { return command == static_cast<std::uint8_t>(Command::Response); }
  // Bytes of body that follow this header on the wire.
  std::size_t body_size() const { return is_response() ? 0 : length; }
};

void encode_header(const Header& header, std::uint8_t* out);
Header decode_header(const std::uint8_t* in);

// Writes header + body into out. Returns the bytes written, or 0 when the body
// is over 65535 bytes or the whole message does not fit in capacity.
std::size_t encode_message(Command command, std::uint16_t message_id, std::string_view body,
                           std::uint8_t* out, std::size_t capacity);

// A RESPONSE frame carrying status; out must hold kHeaderSize bytes.
void encode_response(std::uint16_t message_id, Status status, std::uint8_t* out);

}  // namespace onboard::blynk
