#include <gtest/gtest.h>

#include "onboard/protocol/pake/bytes.hpp"
#include "onboard/protocol/pake/channel.hpp"
#include "onboard/protocol/pake/rfc9383_vectors.hpp"
#include "onboard/protocol/pake/suite.hpp"

namespace onboard::pake {
namespace {

TEST(PakeSuite, MAndNAreTheRfcConstantsUncompressed) {
  EXPECT_EQ(vectors::hex(point_m().view()).substr(0, 66),
            "04886e2f97ace46e55ba9dd7242579f2993b64e16ef3dcab95afd497333d8fa12f");
  EXPECT_EQ(vectors::hex(point_n().view()).substr(0, 66),
            "04d8bbd6c639c62937b04d997f38c3770719c629d7014d49a24b4f98baa1292b49");
}

TEST(PakeSuite, ValidScalarsAreOneToOrderMinusOne) {
  Scalar zero;
  EXPECT_FALSE(is_valid_scalar(zero));
  Scalar one;
  one.bytes[kScalarSize - 1] = 1;
  EXPECT_TRUE(is_valid_scalar(one));
  EXPECT_FALSE(is_valid_scalar(group_order()));
  Scalar below = group_order();
  below.bytes[kScalarSize - 1] = static_cast<std::uint8_t>(below.bytes[kScalarSize - 1] - 1);
  EXPECT_TRUE(is_valid_scalar(below));
}

TEST(PakeSuite, NegationAddsUpToTheOrder) {
  Scalar one;
  one.bytes[kScalarSize - 1] = 1;
  EXPECT_EQ(vectors::hex(negate_scalar(one).view()),
            "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632550");
  EXPECT_EQ(vectors::hex(negate_scalar(negate_scalar(vectors::scalar(vectors::kW0))).view()), vectors::kW0);
  EXPECT_FALSE(is_valid_scalar(negate_scalar(Scalar{})));
}

TEST(PakeSuite, ReducesWideNumbersModuloTheOrder) {
  std::uint8_t all_ones[40];
  for (auto& b : all_ones) b = 0xff;
  // (2^320 - 1) mod n, computed with Python integers.
  EXPECT_EQ(vectors::hex(reduce_mod_order(all_ones, sizeof all_ones).view()),
            "fffffffe00000001431905529c0166cd22159165b6faae70f756a571fc632550");
  EXPECT_EQ(vectors::hex(reduce_mod_order(group_order().bytes, kScalarSize).view()), std::string(64, '0'));
  const Scalar w0 = vectors::scalar(vectors::kW0);
  EXPECT_EQ(vectors::hex(reduce_mod_order(w0.bytes, kScalarSize).view()), vectors::kW0);
}

TEST(PakeBytes, ConstantTimeEqualSeesEveryByte) {
  std::uint8_t a[32] = {};
  std::uint8_t b[32] = {};
  EXPECT_TRUE(constant_time_equal(a, b, sizeof a));
  for (std::size_t i = 0; i < sizeof a; ++i) {
    b[i] = 0x01;
    EXPECT_FALSE(constant_time_equal(a, b, sizeof a)) << i;
    b[i] = 0;
  }
}

TEST(PakeBytes, HexRoundTripsAndRefusesBadDigits) {
  const std::uint8_t bytes[] = {0x00, 0xab, 0xff};
  char text[6];
  ASSERT_EQ(hex_encode({bytes, 3}, text, sizeof text), 6u);
  EXPECT_EQ(std::string_view(text, 6), "00abff");
  EXPECT_EQ(hex_encode({bytes, 3}, text, 5), 0u);
  std::uint8_t out[3];
  EXPECT_TRUE(hex_decode_exact("00ABff", out, 3));
  EXPECT_EQ(out[1], 0xab);
  EXPECT_FALSE(hex_decode_exact("00abf", out, 3));
  EXPECT_FALSE(hex_decode_exact("00abfg", out, 3));
  std::size_t size = 0;
  EXPECT_FALSE(hex_decode("00abff00", out, 3, size));
  EXPECT_TRUE(hex_decode("00ab", out, 3, size));
  EXPECT_EQ(size, 2u);
}

TEST(PakeChannel, NonceIsDirectionCounterSession) {
  SessionId session;
  for (std::uint8_t i = 0; i < kSessionIdSize; ++i) session.bytes[i] = static_cast<std::uint8_t>(0xa0 + i);
  std::uint8_t nonce[kCcmNonceSize];
  make_nonce(Direction::device_to_phone, 0x01020304, session, nonce);
  EXPECT_EQ(vectors::hex({nonce, sizeof nonce}), "0101020304a0a1a2a3a4a5a6a7");
  make_nonce(Direction::phone_to_device, 1, session, nonce);
  EXPECT_EQ(vectors::hex({nonce, sizeof nonce}), "0000000001a0a1a2a3a4a5a6a7");
}

}  // namespace
}  // namespace onboard::pake
