#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "onboard/protocol/blynk/frame.hpp"
#include "onboard/protocol/blynk/frame_decoder.hpp"

namespace onboard::blynk {
namespace {

struct Decoded {
  std::uint8_t command;
  std::uint16_t id;
  std::string body;
  bool operator==(const Decoded&) const = default;
};

std::vector<std::uint8_t> message(Command c, std::uint16_t id, std::string_view body) {
  std::vector<std::uint8_t> out(kHeaderSize + body.size());
  EXPECT_EQ(encode_message(c, id, body, out.data(), out.size()), out.size());
  return out;
}

// Feeds the stream in chunks of the given sizes (cycled) and collects frames.
std::vector<Decoded> decode(FrameDecoder& d, const std::vector<std::uint8_t>& stream,
                            const std::vector<std::size_t>& chunks, DecodeStatus* last = nullptr) {
  std::vector<Decoded> out;
  std::size_t pos = 0;
  std::size_t chunk_index = 0;
  while (pos < stream.size()) {
    std::size_t n = std::min(chunks[chunk_index++ % chunks.size()], stream.size() - pos);
    const std::uint8_t* p = stream.data() + pos;
    pos += n;
    while (n > 0) {
      const DecodeResult r = d.feed(p, n);
      if (last) *last = r.status;
      if (r.status == DecodeStatus::Error) return out;
      p += r.consumed;
      n -= r.consumed;
      if (r.status == DecodeStatus::Frame) {
        out.push_back({d.frame().header.command, d.frame().header.message_id, std::string(d.frame().body)});
      }
    }
  }
  return out;
}

std::vector<std::uint8_t> sample_stream() {
  std::vector<std::uint8_t> s;
  for (auto& m :
       {message(Command::HwLogin, 1, "abcdefghijklmnopqrstuvwxyz012345"), message(Command::Ping, 2, ""),
        message(Command::Hardware, 3,
                std::string_view("vw\0"
                                 "1\0"
                                 "42",
                                 7))}) {
    s.insert(s.end(), m.begin(), m.end());
  }
  std::uint8_t resp[kHeaderSize];
  encode_response(4, Status::Success, resp);
  s.insert(s.end(), resp, resp + kHeaderSize);
  return s;
}

const std::vector<Decoded> kExpected{
    {29, 1, "abcdefghijklmnopqrstuvwxyz012345"},
    {6, 2, ""},
    {20, 3,
     std::string("vw\0"
                 "1\0"
                 "42",
                 7)},
    {0, 4, ""},
};

TEST(BlynkFrameDecoder, WholeStreamAtOnce) {
  StaticFrameDecoder<64> d;
  EXPECT_EQ(decode(d, sample_stream(), {10000}), kExpected);
}

TEST(BlynkFrameDecoder, OneByteAtATime) {
  StaticFrameDecoder<64> d;
  EXPECT_EQ(decode(d, sample_stream(), {1}), kExpected);
}

TEST(BlynkFrameDecoder, AnyChunking) {
  std::mt19937 rng(42);
  for (int round = 0; round < 200; ++round) {
    std::vector<std::size_t> chunks;
    for (int i = 0; i < 8; ++i) chunks.push_back(1 + rng() % 13);
    StaticFrameDecoder<64> d;
    EXPECT_EQ(decode(d, sample_stream(), chunks), kExpected) << "round " << round;
  }
}

TEST(BlynkFrameDecoder, ResponseStatusIsNotABodyLength) {
  StaticFrameDecoder<4> d;  // a 200 "length" must not be read as a body
  std::uint8_t resp[kHeaderSize];
  encode_response(9, Status::Success, resp);
  const DecodeResult r = d.feed(resp, sizeof resp);
  ASSERT_EQ(r.status, DecodeStatus::Frame);
  EXPECT_EQ(d.frame().header.length, 200);
  EXPECT_TRUE(d.frame().body.empty());
}

TEST(BlynkFrameDecoder, RejectsMessageIdZero) {
  StaticFrameDecoder<64> d;
  DecodeStatus last{};
  EXPECT_TRUE(decode(d, message(Command::Ping, 0, ""), {1}, &last).empty());
  EXPECT_EQ(last, DecodeStatus::Error);
  EXPECT_EQ(d.error(), DecodeError::ZeroMessageId);
}

TEST(BlynkFrameDecoder, RefusesLongBodyFromTheHeaderAlone) {
  StaticFrameDecoder<16> d;
  const auto m = message(Command::Hardware, 1, std::string(17, 'x'));
  const DecodeResult r = d.feed(m.data(), m.size());
  EXPECT_EQ(r.status, DecodeStatus::Error);
  EXPECT_EQ(r.consumed, kHeaderSize);  // nothing of the body was taken
  EXPECT_EQ(d.error(), DecodeError::BodyTooLong);
}

TEST(BlynkFrameDecoder, BodyExactlyAtLimitIsAccepted) {
  StaticFrameDecoder<16> d;
  EXPECT_EQ(decode(d, message(Command::Hardware, 1, std::string(16, 'x')), {3}).size(), 1u);
}

TEST(BlynkFrameDecoder, LoweredLimitAppliesAndNeverExceedsCapacity) {
  StaticFrameDecoder<64> d;
  d.set_max_body(32);
  EXPECT_EQ(d.max_body(), 32u);
  EXPECT_TRUE(decode(d, message(Command::HwLogin, 1, std::string(33, 't')), {100}).empty());
  d.reset();
  d.set_max_body(1000);
  EXPECT_EQ(d.max_body(), 64u);
}

TEST(BlynkFrameDecoder, ErrorIsStickyUntilReset) {
  StaticFrameDecoder<64> d;
  const auto bad = message(Command::Ping, 0, "");
  d.feed(bad.data(), bad.size());
  const auto good = message(Command::Ping, 5, "");
  EXPECT_EQ(d.feed(good.data(), good.size()).status, DecodeStatus::Error);
  d.reset();
  EXPECT_EQ(d.feed(good.data(), good.size()).status, DecodeStatus::Frame);
}

TEST(BlynkFrameDecoder, EmptyFeedNeedsMore) {
  StaticFrameDecoder<8> d;
  const DecodeResult r = d.feed(nullptr, 0);
  EXPECT_EQ(r.status, DecodeStatus::NeedMore);
  EXPECT_EQ(r.consumed, 0u);
}

}  // namespace
}  // namespace onboard::blynk
