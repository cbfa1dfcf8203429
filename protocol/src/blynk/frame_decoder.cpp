#include "onboard/protocol/blynk/frame_decoder.hpp"

#include <cstring>

namespace onboard::blynk {

std::string_view to_string(DecodeError error) {
  switch (error) {
    case DecodeError::None: return "none";
    case DecodeError::ZeroMessageId: return "message id 0";
    case DecodeError::BodyTooLong: return "body longer than the limit";
  }
  return "unknown";
}

void FrameDecoder::reset() {
  header_have_ = 0;
  body_have_ = 0;
  header_ = Header{};
  frame_ = Frame{};
  error_ = DecodeError::None;
}

DecodeResult FrameDecoder::fail(DecodeError error, std::size_t consumed) {
  error_ = error;
  return {DecodeStatus::Error, consumed};
}

DecodeResult FrameDecoder::feed(const std::uint8_t* data, std::size_t size) {
  if (error_ != DecodeError::None) {
    return {DecodeStatus::Error, 0};
  }
  std::size_t used = 0;
  if (header_have_ < kHeaderSize) {
    const std::size_t take = size < kHeaderSize - header_have_ ? size : kHeaderSize - header_have_;
    if (take != 0) {
      std::memcpy(header_bytes_ + header_have_, data, take);
    }
    header_have_ += take;
    used += take;
    if (header_have_ < kHeaderSize) {
      return {DecodeStatus::NeedMore, used};
    }
    header_ = decode_header(header_bytes_);
    body_have_ = 0;
    if (header_.message_id == 0) {
      return fail(DecodeError::ZeroMessageId, used);
    }
    if (header_.body_size() > max_body_) {
      return fail(DecodeError::BodyTooLong, used);
    }
  }
  const std::size_t want = header_.body_size() - body_have_;
  const std::size_t take = size - used < want ? size - used : want;
  if (take != 0) {
    std::memcpy(buf_ + body_have_, data + used, take);
  }
  body_have_ += take;
  used += take;
  if (body_have_ < header_.body_size()) {
    return {DecodeStatus::NeedMore, used};
  }
  frame_.header = header_;
  frame_.body = std::string_view(reinterpret_cast<const char*>(buf_), body_have_);
  header_have_ = 0;
  body_have_ = 0;
  return {DecodeStatus::Frame, used};
}

}  // namespace onboard::blynk
