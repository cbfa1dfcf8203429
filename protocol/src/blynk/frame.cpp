#include "onboard/protocol/blynk/frame.hpp"

#include <cstring>

namespace onboard::blynk {

void encode_header(const Header& header, std::uint8_t* out) {
  out[0] = header.command;
  out[1] = static_cast<std::uint8_t>(header.message_id >> 8);
  out[2] = static_cast<std::uint8_t>(header.message_id & 0xFF);
  out[3] = static_cast<std::uint8_t>(header.length >> 8);
  out[4] = static_cast<std::uint8_t>(header.length & 0xFF);
}

Header decode_header(const std::uint8_t* in) {
  Header header;
  header.command = in[0];
  header.message_id = static_cast<std::uint16_t>((in[1] << 8) | in[2]);
  header.length = static_cast<std::uint16_t>((in[3] << 8) | in[4]);
  return header;
}

std::size_t encode_message(Command command, std::uint16_t message_id, std::string_view body,
                           std::uint8_t* out, std::size_t capacity) {
  if (body.size() > kMaxBodySize || capacity < kHeaderSize || capacity - kHeaderSize < body.size()) {
    return 0;
  }
  Header header;
  header.command = static_cast<std::uint8_t>(command);
  header.message_id = message_id;
  header.length = static_cast<std::uint16_t>(body.size());
  encode_header(header, out);
  if (!body.empty()) {
    std::memcpy(out + kHeaderSize, body.data(), body.size());
  }
  return kHeaderSize + body.size();
}

void encode_response(std::uint16_t message_id, Status status, std::uint8_t* out) {
  Header header;
  header.command = static_cast<std::uint8_t>(Command::Response);
  header.message_id = message_id;
  header.length = static_cast<std::uint16_t>(status);
  encode_header(header, out);
}

}  // namespace onboard::blynk
