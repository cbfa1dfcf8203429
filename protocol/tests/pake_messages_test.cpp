#include <gtest/gtest.h>

#include <string>

#include "onboard/protocol/pake/flat_json.hpp"
#include "onboard/protocol/pake/messages.hpp"
#include "onboard/protocol/pake/rfc9383_vectors.hpp"

namespace onboard::pake {
namespace {

TEST(PakeMessages, ParamsAsTheContractWritesThem) {
  Params params;
  params.salt_size = 16;
  for (std::size_t i = 0; i < 16; ++i) params.salt[i] = static_cast<std::uint8_t>(i);
  params.iterations = 1000;
  params.attempts_left = 20;
  char out[256];
  const std::size_t size = write_params(params, out, sizeof out);
  EXPECT_EQ(std::string_view(out, size),
            R"({"suite":"P256-SHA256-HKDF-SHA256-HMAC-SHA256","salt":"000102030405060708090a0b0c0d0e0f",)"
            R"("iterations":1000,"attemptsLeft":20})");
  Params read;
  ASSERT_TRUE(read_params({out, size}, read));
  EXPECT_EQ(read.salt_size, 16u);
  EXPECT_EQ(read.iterations, 1000u);
  EXPECT_EQ(read.attempts_left, 20u);
  EXPECT_EQ(write_params(params, out, size - 1), 0u);
}

TEST(PakeMessages, ParamsOutsideTheContractAreRefused) {
  Params read;
  EXPECT_FALSE(read_params(R"({"suite":"other","salt":"000102030405060708090a0b0c0d0e0f","iterations":1000,)"
                           R"("attemptsLeft":20})",
                           read));
  EXPECT_FALSE(
      read_params(R"({"suite":"P256-SHA256-HKDF-SHA256-HMAC-SHA256","salt":"0001","iterations":1000,)"
                  R"("attemptsLeft":20})",
                  read));
  EXPECT_FALSE(read_params(R"({"suite":"P256-SHA256-HKDF-SHA256-HMAC-SHA256","salt":)"
                           R"("000102030405060708090a0b0c0d0e0f","iterations":999,"attemptsLeft":20})",
                           read));
}

TEST(PakeMessages, Pake1RoundTrips) {
  const Point share = vectors::point(vectors::kShareP);
  char out[256];
  std::size_t size = write_pake1_request(share, out, sizeof out);
  EXPECT_EQ(std::string_view(out, size), "{\"shareP\":\"" + std::string(vectors::kShareP) + "\"}");
  Point read;
  ASSERT_TRUE(read_pake1_request({out, size}, read));
  EXPECT_EQ(vectors::hex(read.view()), vectors::kShareP);
  EXPECT_FALSE(read_pake1_request(R"({"shareP":"04ef"})", read));

  Pake1Response response;
  response.session.bytes[0] = 0xaa;
  response.share_v = vectors::point(vectors::kShareV);
  hex_decode_exact(vectors::kConfirmV, response.confirm_v.bytes, kHashSize);
  size = write_pake1_response(response, out, sizeof out);
  ASSERT_NE(size, 0u);
  Pake1Response back;
  ASSERT_TRUE(read_pake1_response({out, size}, back));
  EXPECT_EQ(back.session.bytes[0], 0xaa);
  EXPECT_EQ(vectors::hex(back.share_v.view()), vectors::kShareV);
  EXPECT_EQ(vectors::hex(back.confirm_v.view()), vectors::kConfirmV);
}

TEST(PakeMessages, SecureEnvelopeCarriesLongCiphertexts) {
  SessionId session;
  session.bytes[7] = 0x42;
  std::uint8_t sealed[600];
  for (std::size_t i = 0; i < sizeof sealed; ++i) sealed[i] = static_cast<std::uint8_t>(i);
  static char out[kMaxSecureBody];
  std::size_t size = write_secure_request(session, 7, {sealed, sizeof sealed}, out, sizeof out);
  ASSERT_NE(size, 0u);
  EXPECT_EQ(std::string_view(out, 41), R"({"session":"0000000000000042","n":7,"c":")");
  EXPECT_EQ(std::string_view(out + size - 2, 2), "\"}");
  SecureEnvelope envelope;
  ASSERT_TRUE(read_secure_request({out, size}, envelope));
  EXPECT_EQ(envelope.counter, 7u);
  EXPECT_EQ(envelope.session.bytes[7], 0x42);
  EXPECT_EQ(envelope.sealed_hex, vectors::hex({sealed, sizeof sealed}));

  size = write_secure_response(7, {sealed, 2}, out, sizeof out);
  EXPECT_EQ(std::string_view(out, size), R"({"n":7,"c":"0001"})");
  ASSERT_TRUE(read_secure_response({out, size}, envelope));
  EXPECT_EQ(write_secure_response(7, {sealed, 2}, out, size - 1), 0u);
}

TEST(PakeMessages, SecureEnvelopeRefusesOddOrHugeCiphertexts) {
  SecureEnvelope envelope;
  EXPECT_FALSE(read_secure_request(R"({"session":"0000000000000042","n":1,"c":"abc"})", envelope));
  EXPECT_FALSE(read_secure_request(R"({"session":"0000000000000042","n":-1,"c":"ab"})", envelope));
  EXPECT_FALSE(read_secure_request(R"({"session":"0000000000000042","n":4294967296,"c":"ab"})", envelope));
  EXPECT_FALSE(read_secure_request(R"({"session":"00000000000042","n":1,"c":"ab"})", envelope));
  const std::string huge = R"({"session":"0000000000000042","n":1,"c":")" +
                           std::string(2 * (kMaxSecurePlaintext + kCcmTagSize) + 2, 'a') + "\"}";
  EXPECT_FALSE(read_secure_request(huge, envelope));
}

TEST(PakeMessages, ErrorsNameTheCodeAndAttemptsLeft) {
  char out[64];
  std::size_t size = write_pake_error("wrong_setup_code", 19, out, sizeof out);
  EXPECT_EQ(std::string_view(out, size), R"({"error":"wrong_setup_code","attemptsLeft":19})");
  std::string_view code;
  int left = 0;
  ASSERT_TRUE(read_pake_error({out, size}, code, left));
  EXPECT_EQ(code, "wrong_setup_code");
  EXPECT_EQ(left, 19);
  size = write_pake_error("locked", -1, out, sizeof out);
  EXPECT_EQ(std::string_view(out, size), R"({"error":"locked"})");
  ASSERT_TRUE(read_pake_error({out, size}, code, left));
  EXPECT_EQ(left, -1);
}

TEST(PakeFlatJson, ReadsOneFlatObjectOnly) {
  const FlatJson json(R"( { "a" : "x\"y" , "n": 12, "t": true, "z": null } )");
  ASSERT_TRUE(json.valid());
  std::string_view s;
  ASSERT_TRUE(json.string("a", s));
  EXPECT_EQ(s, R"(x\"y)");
  std::uint32_t n = 0;
  ASSERT_TRUE(json.unsigned32("n", n));
  EXPECT_EQ(n, 12u);
  bool t = false;
  ASSERT_TRUE(json.boolean("t", t));
  EXPECT_TRUE(t);
  EXPECT_FALSE(json.string("n", s));
  EXPECT_FALSE(json.string("missing", s));

  for (const char* bad : {R"({"a":{"b":1}})", R"({"a":[1]})", R"({"a":1,})", R"({"a":1} x)", R"({"a":"1)",
                          R"({"a":1,"a":2})", R"([1])", "", R"({"a" 1})", "{\"a\":\"\x01\"}"}) {
    EXPECT_FALSE(FlatJson(bad).valid()) << bad;
  }
  std::string many = "{";
  for (int i = 0; i <= FlatJson::kMaxMembers; ++i) many += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":1";
  many += "}";
  EXPECT_FALSE(FlatJson(many).valid());
  EXPECT_FALSE(FlatJson(R"({"n":1.5})").unsigned32("n", n));
}

}  // namespace
}  // namespace onboard::pake
