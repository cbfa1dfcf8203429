// Feeds arbitrary bytes to the frame decoder in data-driven chunk sizes and
// checks its contract: it never consumes more than given, frames respect the
// limit, and re-encoding a frame gives back the bytes it came from.
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "onboard/protocol/blynk/body.hpp"
#include "onboard/protocol/blynk/frame.hpp"
#include "onboard/protocol/blynk/frame_decoder.hpp"

using namespace onboard::blynk;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::size_t chunk = 1 + data[0] % 17;
  StaticFrameDecoder<1024> decoder;
  decoder.set_max_body(1 + (data[0] * 7u) % 1024);
  std::size_t pos = 1;
  std::size_t frame_start = 1;
  while (pos < size) {
    std::size_t n = size - pos < chunk ? size - pos : chunk;
    while (n > 0) {
      const DecodeResult r = decoder.feed(data + pos, n);
      if (r.consumed > n) std::abort();
      pos += r.consumed;
      n -= r.consumed;
      if (r.status == DecodeStatus::Error) return 0;
      if (r.status == DecodeStatus::Frame) {
        const Frame& f = decoder.frame();
        if (f.body.size() > decoder.max_body() || f.header.message_id == 0) std::abort();
        std::uint8_t again[kHeaderSize + 1024];
        std::size_t len = 0;
        if (f.header.is_response()) {
          encode_header(f.header, again);
          len = kHeaderSize;
        } else {
          len = encode_message(static_cast<Command>(f.header.command), f.header.message_id, f.body, again,
                               sizeof again);
        }
        if (len != pos - frame_start || std::memcmp(again, data + frame_start, len) != 0) std::abort();
        std::size_t fields = 0;
        for (auto field : Fields(f.body)) fields += field.size() + 1;
        if (fields > f.body.size() + 1) std::abort();
        frame_start = pos;
      }
      if (r.consumed == 0 && r.status == DecodeStatus::NeedMore) break;
    }
  }
  return 0;
}
