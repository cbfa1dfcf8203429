#include "onboard/device/ports/mbedtls_crypto.hpp"

#include <gtest/gtest.h>

#include <cstring>

#include "onboard/protocol/pake/crypto_conformance.hpp"
#include "onboard/protocol/pake/handshake.hpp"
#include "onboard/protocol/pake/openssl_crypto.hpp"

namespace onboard::pake {

struct MbedTlsBackend {
  using Crypto = port::MbedTlsCrypto;
};
INSTANTIATE_TYPED_TEST_SUITE_P(MbedTls, PakeCryptoConformance, ::testing::Types<MbedTlsBackend>);

namespace {

// The device (mbedTLS) and the phone (OpenSSL) are independent implementations: one
// handshake and one request each way between them.
TEST(MbedTlsAgainstOpenSsl, DeviceAndPhoneAgree) {
  port::MbedTlsCrypto device_crypto;
  OpenSslCrypto phone_crypto;
  ASSERT_TRUE(device_crypto.ready());
  const Scalar w0 = vectors::scalar(vectors::kRegistrationW0);
  const Scalar w1 = vectors::scalar(vectors::kRegistrationW1);
  Verifier verifier(device_crypto);
  Prover prover(phone_crypto);
  Scalar x;
  Scalar y;
  ASSERT_TRUE(random_scalar(phone_crypto, x));
  ASSERT_TRUE(random_scalar(device_crypto, y));
  Point share_p;
  Point share_v;
  Digest confirm_v;
  Digest confirm_p;
  ASSERT_EQ(prover.start(w0, w1, x, share_p), HandshakeError::none);
  ASSERT_EQ(verifier.respond({w0, vectors::point(vectors::kRegistrationL)}, share_p, y, share_v, confirm_v),
            HandshakeError::none);
  ASSERT_EQ(prover.finish(share_v, confirm_v, confirm_p), HandshakeError::none);
  ASSERT_EQ(verifier.confirm(confirm_p), HandshakeError::none);

  SessionId session;
  ASSERT_TRUE(device_crypto.random(session.bytes, kSessionIdSize));
  PhoneChannel phone(session, prover.keys());
  DeviceChannel device(session, verifier.keys());
  std::uint8_t sealed[96];
  std::size_t sealed_size = 0;
  std::uint8_t plain[96];
  std::size_t plain_size = 0;
  std::uint32_t n = 0;
  ASSERT_EQ(phone.seal_request(phone_crypto, view_of("GET /config?ssid=Home&pass=secret"), sealed,
                               sizeof sealed, sealed_size, n),
            ChannelError::none);
  ASSERT_EQ(device.open_request(device_crypto, n, {sealed, sealed_size}, plain, sizeof plain, plain_size),
            ChannelError::none);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(plain), plain_size), "GET /config?ssid=Home&pass=secret");
  ASSERT_EQ(device.seal_response(device_crypto, n, view_of("200 {}"), sealed, sizeof sealed, sealed_size),
            ChannelError::none);
  ASSERT_EQ(phone.open_response(phone_crypto, n, {sealed, sealed_size}, plain, sizeof plain, plain_size),
            ChannelError::none);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(plain), plain_size), "200 {}");
}

}  // namespace
}  // namespace onboard::pake
