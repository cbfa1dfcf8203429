#include <gtest/gtest.h>

#include <string>

#include "onboard/protocol/pake/rfc9383_vectors.hpp"
#include "onboard/protocol/pake/setup_code.hpp"

namespace onboard::pake {
namespace {

TEST(PakeSetupCode, EightDigitsWithoutTheTrivialOnes) {
  EXPECT_TRUE(is_valid_setup_code("00000001"));
  EXPECT_TRUE(is_valid_setup_code("99999998"));
  EXPECT_TRUE(is_valid_setup_code("24681357"));
  for (char d = '0'; d <= '9'; ++d) EXPECT_FALSE(is_valid_setup_code(std::string(8, d))) << d;
  EXPECT_FALSE(is_valid_setup_code("12345678"));
  EXPECT_FALSE(is_valid_setup_code("87654321"));
  EXPECT_FALSE(is_valid_setup_code("1234567"));
  EXPECT_FALSE(is_valid_setup_code("123456789"));
  EXPECT_FALSE(is_valid_setup_code("1234567a"));
  EXPECT_FALSE(is_valid_setup_code(""));
}

TEST(PakeSetupCode, PbkdfInputIsTheRfcLayoutWithEmptyIdentities) {
  std::uint8_t input[kPbkdfInputSize];
  write_pbkdf_input("24681357", input);
  EXPECT_EQ(vectors::hex({input, sizeof input}),
            "0800000000000000" + vectors::hex(view_of("24681357")) + std::string(32, '0'));
}

TEST(PakeSetupCode, QrPayloadRoundTrips) {
  char text[64];
  const std::size_t size = write_qr_payload("TMPL12345", "24681357", text, sizeof text);
  ASSERT_EQ(std::string_view(text, size), "ONB1:TMPL12345:24681357");
  QrPayload qr;
  ASSERT_TRUE(parse_qr_payload({text, size}, qr));
  EXPECT_EQ(qr.template_id, "TMPL12345");
  EXPECT_EQ(qr.setup_code, "24681357");
  EXPECT_EQ(write_qr_payload("TMPL12345", "24681357", text, 22), 0u);
}

TEST(PakeSetupCode, QrPayloadRefusesAnythingElse) {
  QrPayload qr;
  EXPECT_FALSE(parse_qr_payload("ONB2:TMPL1:24681357", qr));
  EXPECT_FALSE(parse_qr_payload("ONB1::24681357", qr));
  EXPECT_FALSE(parse_qr_payload("ONB1:TMPL1", qr));
  EXPECT_FALSE(parse_qr_payload("ONB1:TMPL1:12345678", qr));
  EXPECT_FALSE(parse_qr_payload("ONB1:TMPL1:2468135", qr));
  EXPECT_FALSE(parse_qr_payload("ONB1:TMPL1:24681357:x", qr));
}

}  // namespace
}  // namespace onboard::pake

#include "onboard/protocol/pake/verifier_file.hpp"

namespace onboard::pake {
namespace {

TEST(PakeVerifierFile, RoundTripsAndRefusesWhatIsOutOfRange) {
  VerifierFile file;
  file.salt_size = 16;
  file.iterations = 1000;
  file.w0 = vectors::scalar(vectors::kRegistrationW0);
  file.l = vectors::point(vectors::kRegistrationL);
  char text[512];
  const std::size_t size = write_verifier_file(file, text, sizeof text);
  ASSERT_NE(size, 0u);
  const std::string json(text, size);
  EXPECT_EQ(json.find("24681357"), std::string::npos);  // never the code
  VerifierFile back;
  ASSERT_TRUE(read_verifier_file(json + "\n", back));
  EXPECT_EQ(back.iterations, 1000u);
  EXPECT_EQ(vectors::hex(back.w0.view()), vectors::kRegistrationW0);
  EXPECT_EQ(vectors::hex(back.l.view()), vectors::kRegistrationL);

  std::string low = json;
  low.replace(low.find("1000"), 4, "999");
  EXPECT_FALSE(read_verifier_file(low, back));
  std::string other = json;
  other.replace(other.find("-1\""), 3, "-2\"");
  EXPECT_FALSE(read_verifier_file(other, back));
  EXPECT_FALSE(read_verifier_file(json.substr(0, json.size() - 1), back));
}

}  // namespace
}  // namespace onboard::pake
