#include "setup_codes.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "onboard/protocol/pake/handshake.hpp"
#include "onboard/protocol/pake/rfc9383_vectors.hpp"

namespace onboard::factory {
namespace {

namespace vectors = pake::vectors;

TEST(FactoryCodes, RegistrationMatchesAnIndependentImplementation) {
  pake::OpenSslCrypto crypto;
  std::vector<std::uint8_t> salt(16);
  for (std::size_t i = 0; i < salt.size(); ++i) salt[i] = static_cast<std::uint8_t>(i);
  const auto file = register_code(crypto, std::string(vectors::kRegistrationCode), salt, 1000);
  ASSERT_TRUE(file);
  EXPECT_EQ(vectors::hex(file->w0.view()), vectors::kRegistrationW0);
  EXPECT_EQ(vectors::hex(file->l.view()), vectors::kRegistrationL);
  EXPECT_FALSE(register_code(crypto, "12345678", salt, 1000));
  EXPECT_FALSE(register_code(crypto, "24681357", std::vector<std::uint8_t>(15), 1000));
  EXPECT_FALSE(register_code(crypto, "24681357", salt, 999));
}

TEST(FactoryCodes, EachDeviceGetsItsOwnValidCodeAndAWorkingVerifier) {
  pake::OpenSslCrypto crypto;
  const auto a = make_device_code(crypto, "TMPL1", 1000);
  const auto b = make_device_code(crypto, "TMPL1", 1000);
  ASSERT_TRUE(a && b);
  EXPECT_TRUE(pake::is_valid_setup_code(a->code));
  EXPECT_EQ(a->qr_payload, "ONB1:TMPL1:" + a->code);
  EXPECT_FALSE(a->code == b->code && std::equal(a->verifier.salt, a->verifier.salt + 16, b->verifier.salt));
  // The phone with the label's code and the device with the verifier agree.
  std::uint8_t input[pake::kPbkdfInputSize];
  pake::write_pbkdf_input(a->code, input);
  std::uint8_t ws[pake::kPbkdfOutputSize];
  ASSERT_TRUE(pake::pbkdf2_sha256({input, sizeof input}, {a->verifier.salt, a->verifier.salt_size},
                                  a->verifier.iterations, ws, sizeof ws));
  pake::Scalar w0;
  pake::Scalar w1;
  ASSERT_TRUE(pake::derive_w0_w1(ws, w0, w1));
  pake::Prover prover(crypto);
  pake::Verifier verifier(crypto);
  pake::Scalar x;
  pake::Scalar y;
  ASSERT_TRUE(pake::random_scalar(crypto, x) && pake::random_scalar(crypto, y));
  pake::Point share_p;
  pake::Point share_v;
  pake::Digest confirm_v;
  pake::Digest confirm_p;
  ASSERT_EQ(prover.start(w0, w1, x, share_p), pake::HandshakeError::none);
  ASSERT_EQ(verifier.respond({a->verifier.w0, a->verifier.l}, share_p, y, share_v, confirm_v),
            pake::HandshakeError::none);
  ASSERT_EQ(prover.finish(share_v, confirm_v, confirm_p), pake::HandshakeError::none);
  EXPECT_EQ(verifier.confirm(confirm_p), pake::HandshakeError::none);
}

TEST(FactoryCodes, WritesAPngQrCode) {
  const auto path = std::filesystem::temp_directory_path() / "onboard-factory-test.png";
  ASSERT_TRUE(write_qr_png("ONB1:TMPL1:24681357", path.string()));
  std::ifstream in(path, std::ios::binary);
  char magic[8] = {};
  in.read(magic, sizeof magic);
  EXPECT_EQ(std::string(magic, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_GT(std::filesystem::file_size(path), 100u);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace onboard::factory
