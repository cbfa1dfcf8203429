// A short, printed walk through the Blynk frame format: what a device sends to
// log in and write a pin, and what a server decodes from the byte stream.
#include <cstdint>
#include <cstdio>
#include <string_view>

#include "onboard/protocol/blynk/body.hpp"
#include "onboard/protocol/blynk/frame.hpp"
#include "onboard/protocol/blynk/frame_decoder.hpp"

using namespace onboard::blynk;

namespace {

void print_bytes(const std::uint8_t* p, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) std::printf("%02x ", p[i]);
  std::printf("\n");
}

void print_body(std::string_view body) {
  bool first = true;
  for (auto field : Fields(body)) {
    std::printf("%s\"%.*s\"", first ? "" : " | ", static_cast<int>(field.size()), field.data());
    first = false;
  }
  std::printf("\n");
}

}  // namespace

int main() {
  std::uint8_t wire[256];
  std::size_t used = 0;

  std::printf("1. The device logs in: HW_LOGIN (29), message id 1, body = 32-character token.\n");
  used += encode_message(Command::HwLogin, 1, "Xq3vN8pL2mK7rT1wY6zA0bC4dE9fG5hJ", wire + used,
                         sizeof wire - used);
  std::printf("2. It writes virtual pin 5 = 23.7: HARDWARE (20), body vw NUL 5 NUL 23.7.\n");
  char body[32];
  BodyBuilder builder(body, sizeof body);
  builder.add("vw").add(5).add("23.7");
  const std::size_t pin_at = used;
  used += encode_message(Command::Hardware, 2, builder.view(), wire + used, sizeof wire - used);
  std::printf("   bytes on the wire for the pin write: ");
  print_bytes(wire + pin_at, used - pin_at);

  std::printf("3. The server feeds the stream to the decoder one byte at a time and gets back:\n");
  StaticFrameDecoder<64> decoder;
  int frames = 0;
  for (std::size_t i = 0; i < used; ++i) {
    if (decoder.feed(wire + i, 1).status == DecodeStatus::Frame) {
      const Frame& f = decoder.frame();
      const std::string_view name = to_string(static_cast<Command>(f.header.command));
      std::printf("   %.*s id=%u len=%u: ", static_cast<int>(name.size()), name.data(), f.header.message_id,
                  f.header.length);
      print_body(f.body);
      ++frames;
    }
  }
  std::uint8_t response[kHeaderSize];
  encode_response(1, Status::Success, response);
  std::printf("4. It answers the login with RESPONSE id 1 status 200: ");
  print_bytes(response, sizeof response);
  std::printf("Round trip %s: %d of 2 frames decoded intact.\n", frames == 2 ? "ok" : "FAILED", frames);
  return frames == 2 ? 0 : 1;
}
