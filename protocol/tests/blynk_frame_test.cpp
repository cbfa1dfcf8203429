#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string>

#include "onboard/protocol/blynk/command.hpp"
#include "onboard/protocol/blynk/frame.hpp"

namespace onboard::blynk {
namespace {

TEST(BlynkHeader, EncodesBigEndian) {
  std::array<std::uint8_t, kHeaderSize> out{};
  encode_header(Header{29, 0x0102, 0x0304}, out.data());
  EXPECT_EQ(out, (std::array<std::uint8_t, 5>{0x1D, 0x01, 0x02, 0x03, 0x04}));
}

TEST(BlynkHeader, DecodeIsInverseOfEncodeAtExtremes) {
  for (std::uint16_t id : {std::uint16_t{1}, std::uint16_t{0x8000}, std::uint16_t{0xFFFF}}) {
    for (std::uint16_t len : {std::uint16_t{0}, std::uint16_t{0xFF}, std::uint16_t{0xFFFF}}) {
      std::uint8_t buf[kHeaderSize];
      encode_header(Header{20, id, len}, buf);
      const Header back = decode_header(buf);
      EXPECT_EQ(back.command, 20);
      EXPECT_EQ(back.message_id, id);
      EXPECT_EQ(back.length, len);
    }
  }
}

TEST(BlynkHeader, ResponseCarriesStatusAndNoBody) {
  std::uint8_t buf[kHeaderSize];
  encode_response(7, Status::InvalidToken, buf);
  const Header h = decode_header(buf);
  EXPECT_TRUE(h.is_response());
  EXPECT_EQ(h.length, 9);
  EXPECT_EQ(h.body_size(), 0u);
}

TEST(BlynkMessage, EncodesHeaderAndBody) {
  std::uint8_t buf[64];
  const std::string body(
      "vw\0"
      "5\0"
      "23.7",
      9);
  const std::size_t n = encode_message(Command::Hardware, 3, body, buf, sizeof buf);
  ASSERT_EQ(n, kHeaderSize + body.size());
  EXPECT_EQ(buf[0], 20);
  EXPECT_EQ(decode_header(buf).length, body.size());
  EXPECT_EQ(std::string(reinterpret_cast<char*>(buf) + kHeaderSize, body.size()), body);
}

TEST(BlynkMessage, RefusesWhenBufferTooSmall) {
  std::uint8_t buf[8];
  EXPECT_EQ(encode_message(Command::Hardware, 1, "abcd", buf, 8), 0u);
  EXPECT_EQ(encode_message(Command::Hardware, 1, "abc", buf, 8), 8u);
  EXPECT_EQ(encode_message(Command::Ping, 1, "", buf, 4), 0u);
}

TEST(BlynkMessage, RefusesBodyOverSixteenBits) {
  static std::uint8_t buf[kMaxBodySize + 16];
  const std::string big(kMaxBodySize + 1, 'x');
  EXPECT_EQ(encode_message(Command::Hardware, 1, big, buf, sizeof buf), 0u);
  EXPECT_EQ(encode_message(Command::Hardware, 1, std::string_view(big).substr(1), buf, sizeof buf),
            kHeaderSize + kMaxBodySize);
}

TEST(BlynkCommand, NamesAreStable) {
  EXPECT_EQ(to_string(Command::HwLogin), "HW_LOGIN");
  EXPECT_EQ(to_string(Command::EventLog), "EVENT_LOG");
  EXPECT_EQ(to_string(Status::QuotaLimit), "QUOTA_LIMIT");
  EXPECT_EQ(to_string(static_cast<Command>(2)), "unknown");
  EXPECT_TRUE(is_known_command(29));
  EXPECT_FALSE(is_known_command(2));
  EXPECT_FALSE(is_known_command(255));
}

}  // namespace
}  // namespace onboard::blynk
