// A streaming decoder for Blynk frames: feed it any chunking of the byte
// stream (one byte at a time works) and it yields whole frames, in order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "onboard/protocol/blynk/frame.hpp"

namespace onboard::blynk {

enum class DecodeStatus : std::uint8_t {
  NeedMore,  // every byte given was consumed; no frame is complete yet
  Frame,     // frame() holds a whole frame until the next feed()
  Error,     // error() says why; the stream cannot be resynchronised
};

enum class DecodeError : std::uint8_t {
  None,
  ZeroMessageId,  // message id 0 is a protocol error
  BodyTooLong,    // refused from the header alone: nothing was buffered
};

std::string_view to_string(DecodeError error);

struct Frame {
  Header header;
  std::string_view body;  // valid until the next feed() or reset()
};

struct DecodeResult {
  DecodeStatus status;
  std::size_t consumed;  // bytes taken from the input by this call
};

// Holds one frame's body in a buffer the caller owns (see StaticFrameDecoder).
// After Error every feed() returns Error again until reset().
class FrameDecoder {
 public:
  FrameDecoder(std::uint8_t* body_buffer, std::size_t capacity)
      : buf_(body_buffer), cap_(capacity), max_body_(capacity) {}

  DecodeResult feed(const std::uint8_t* data, std::size_t size);

  const Frame& frame() const { return frame_; }
  DecodeError error() const { return error_; }

  // Lower the accepted body size (e.g. before login); never above capacity.
  void set_max_body(std::size_t max_body) { max_body_ = max_body < cap_ ? max_body : cap_; }
  std::size_t max_body() const { return max_body_; }
  void reset();

 private:
  DecodeResult fail(DecodeError error, std::size_t consumed);

  std::uint8_t* buf_;
  std::size_t cap_;
  std::size_t max_body_;
  std::uint8_t header_bytes_[kHeaderSize] = {};
  std::size_t header_have_ = 0;
  std::size_t body_have_ = 0;
  Header header_;
  Frame frame_;
  DecodeError error_ = DecodeError::None;
};

template <std::size_t Capacity>
class StaticFrameDecoder : public FrameDecoder {
 public:
  StaticFrameDecoder() : FrameDecoder(storage_, Capacity) {}
  StaticFrameDecoder(const StaticFrameDecoder&) = delete;
  StaticFrameDecoder& operator=(const StaticFrameDecoder&) = delete;

 private:
  std::uint8_t storage_[Capacity > 0 ? Capacity : 1];
};

}  // namespace onboard::blynk
