// Known-answer and behaviour tests every implementation of pake::Crypto must pass: the
// RFC 9383 Appendix C handshake, Onboard's key schedule and channel, refusal of bad input.
// Instantiate with a tag type naming the implementation, `struct B { using Crypto = Impl; };`
// and INSTANTIATE_TYPED_TEST_SUITE_P(Name, PakeCryptoConformance, Types<B>): GoogleTest
// needs the typeinfo of the type it is given, and the device's code has no RTTI.
#pragma once

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "onboard/protocol/pake/channel.hpp"
#include "onboard/protocol/pake/handshake.hpp"
#include "onboard/protocol/pake/rfc9383_vectors.hpp"
#include "onboard/protocol/pake/setup_code.hpp"
#include "onboard/protocol/pake/testing_names.hpp"

namespace onboard::pake {

template <class Backend>
class PakeCryptoConformance : public ::testing::Test {
 protected:
  typename Backend::Crypto impl;
};

TYPED_TEST_SUITE_P(PakeCryptoConformance);

TYPED_TEST_P(PakeCryptoConformance, ProverMatchesRfc9383AppendixC) {
  Prover prover(this->impl, testing_names::rfc());
  Point share_p;
  ASSERT_EQ(prover.start(vectors::scalar(vectors::kW0), vectors::scalar(vectors::kW1),
                         vectors::scalar(vectors::kX), share_p),
            HandshakeError::none);
  EXPECT_EQ(vectors::hex(share_p.view()), vectors::kShareP);
  Digest confirm_v;
  hex_decode_exact(vectors::kConfirmV, confirm_v.bytes, kHashSize);
  Digest confirm_p;
  ASSERT_EQ(prover.finish(vectors::point(vectors::kShareV), confirm_v, confirm_p), HandshakeError::none);
  EXPECT_EQ(vectors::hex(confirm_p.view()), vectors::kConfirmP);
  EXPECT_EQ(vectors::hex(prover.values().k_main.view()), vectors::kKMain);
  EXPECT_EQ(vectors::hex(prover.values().k_confirm_p.view()), vectors::kKConfirmP);
  EXPECT_EQ(vectors::hex(prover.values().k_confirm_v.view()), vectors::kKConfirmV);
  EXPECT_EQ(vectors::hex(prover.values().k_shared.view()), vectors::kKShared);
}

TYPED_TEST_P(PakeCryptoConformance, VerifierMatchesRfc9383AppendixC) {
  Verifier verifier(this->impl, testing_names::rfc());
  const VerifierRecord record{vectors::scalar(vectors::kW0), vectors::point(vectors::kL)};
  Point share_v;
  Digest confirm_v;
  ASSERT_EQ(verifier.respond(record, vectors::point(vectors::kShareP), vectors::scalar(vectors::kY), share_v,
                             confirm_v),
            HandshakeError::none);
  EXPECT_EQ(vectors::hex(share_v.view()), vectors::kShareV);
  EXPECT_EQ(vectors::hex(confirm_v.view()), vectors::kConfirmV);
  EXPECT_EQ(vectors::hex(verifier.values().k_main.view()), vectors::kKMain);
  EXPECT_EQ(vectors::hex(verifier.values().k_shared.view()), vectors::kKShared);
  EXPECT_FALSE(verifier.confirmed());
  Digest confirm_p;
  hex_decode_exact(vectors::kConfirmP, confirm_p.bytes, kHashSize);
  ASSERT_EQ(verifier.confirm(confirm_p), HandshakeError::none);
  EXPECT_TRUE(verifier.confirmed());
}

TYPED_TEST_P(PakeCryptoConformance, VerifierRefusesAConfirmationOffInItsLastByte) {
  Verifier verifier(this->impl, testing_names::rfc());
  Point share_v;
  Digest confirm_v;
  ASSERT_EQ(
      verifier.respond({vectors::scalar(vectors::kW0), vectors::point(vectors::kL)},
                       vectors::point(vectors::kShareP), vectors::scalar(vectors::kY), share_v, confirm_v),
      HandshakeError::none);
  Digest confirm_p;
  hex_decode_exact(vectors::kConfirmP, confirm_p.bytes, kHashSize);
  confirm_p.bytes[kHashSize - 1] ^= 0x01;
  EXPECT_EQ(verifier.confirm(confirm_p), HandshakeError::wrong_confirmation);
  EXPECT_FALSE(verifier.confirmed());
  // The session is gone: the right value no longer helps.
  confirm_p.bytes[kHashSize - 1] ^= 0x01;
  EXPECT_EQ(verifier.confirm(confirm_p), HandshakeError::out_of_order);
}

TYPED_TEST_P(PakeCryptoConformance, RegistrationMatchesAnIndependentImplementation) {
  std::uint8_t ws[kPbkdfOutputSize];
  ASSERT_TRUE(hex_decode_exact(vectors::kRegistrationPbkdf, ws, sizeof ws));
  Scalar w0;
  Scalar w1;
  ASSERT_TRUE(derive_w0_w1(ws, w0, w1));
  EXPECT_EQ(vectors::hex(w0.view()), vectors::kRegistrationW0);
  EXPECT_EQ(vectors::hex(w1.view()), vectors::kRegistrationW1);
  Point l;
  ASSERT_TRUE(this->impl.p256_mul(w1, nullptr, l));
  EXPECT_EQ(vectors::hex(l.view()), vectors::kRegistrationL);
}

TYPED_TEST_P(PakeCryptoConformance, OnboardHandshakeAgreesOnSessionKeys) {
  auto& crypto = this->impl;
  const Scalar w0 = vectors::scalar(vectors::kRegistrationW0);
  const Scalar w1 = vectors::scalar(vectors::kRegistrationW1);
  const VerifierRecord record{w0, vectors::point(vectors::kRegistrationL)};
  Prover prover(crypto);
  Verifier verifier(crypto);
  Scalar x;
  Scalar y;
  ASSERT_TRUE(random_scalar(crypto, x));
  ASSERT_TRUE(random_scalar(crypto, y));
  Point share_p;
  Point share_v;
  Digest confirm_v;
  Digest confirm_p;
  ASSERT_EQ(prover.start(w0, w1, x, share_p), HandshakeError::none);
  ASSERT_EQ(verifier.respond(record, share_p, y, share_v, confirm_v), HandshakeError::none);
  ASSERT_EQ(prover.finish(share_v, confirm_v, confirm_p), HandshakeError::none);
  ASSERT_EQ(verifier.confirm(confirm_p), HandshakeError::none);
  EXPECT_EQ(0, std::memcmp(&prover.keys(), &verifier.keys(), sizeof(SessionKeys)));
  EXPECT_NE(0, std::memcmp(prover.keys().phone_to_device, prover.keys().device_to_phone, kAesKeySize));
}

TYPED_TEST_P(PakeCryptoConformance, WrongCodeIsCaughtByTheProverBeforeItConfirms) {
  auto& crypto = this->impl;
  // The device holds the registration of another code than the phone types.
  const VerifierRecord record{vectors::scalar(vectors::kW0), vectors::point(vectors::kL)};
  Prover prover(crypto);
  Verifier verifier(crypto);
  Scalar x;
  Scalar y;
  ASSERT_TRUE(random_scalar(crypto, x));
  ASSERT_TRUE(random_scalar(crypto, y));
  Point share_p;
  Point share_v;
  Digest confirm_v;
  Digest confirm_p;
  ASSERT_EQ(prover.start(vectors::scalar(vectors::kRegistrationW0), vectors::scalar(vectors::kRegistrationW1),
                         x, share_p),
            HandshakeError::none);
  ASSERT_EQ(verifier.respond(record, share_p, y, share_v, confirm_v), HandshakeError::none);
  EXPECT_EQ(prover.finish(share_v, confirm_v, confirm_p), HandshakeError::wrong_confirmation);
}

TYPED_TEST_P(PakeCryptoConformance, RefusesSharesThatAreNotPointsOfTheGroup) {
  auto& crypto = this->impl;
  const VerifierRecord record{vectors::scalar(vectors::kW0), vectors::point(vectors::kL)};
  Point off_curve = vectors::point(vectors::kShareP);
  off_curve.bytes[kPointSize - 1] ^= 0x01;
  Point compressed_prefix = vectors::point(vectors::kShareP);
  compressed_prefix.bytes[0] = 0x02;
  const Point zeros{};
  // w0·M: unblinding it gives the identity, so Z would be known to anyone.
  Point w0_m;
  ASSERT_TRUE(crypto.p256_mul(record.w0, &point_m(), w0_m));
  const Point* bad_shares[] = {&off_curve, &compressed_prefix, &zeros, &w0_m};
  for (const Point* bad : bad_shares) {
    Verifier verifier(crypto, testing_names::rfc());
    Point share_v;
    Digest confirm_v;
    EXPECT_EQ(verifier.respond(record, *bad, vectors::scalar(vectors::kY), share_v, confirm_v),
              HandshakeError::bad_point);
  }
  Prover prover(crypto, testing_names::rfc());
  Point share_p;
  ASSERT_EQ(prover.start(vectors::scalar(vectors::kW0), vectors::scalar(vectors::kW1),
                         vectors::scalar(vectors::kX), share_p),
            HandshakeError::none);
  Digest confirm_v;
  Digest confirm_p;
  EXPECT_EQ(prover.finish(off_curve, confirm_v, confirm_p), HandshakeError::bad_point);
}

TYPED_TEST_P(PakeCryptoConformance, SessionKeysAndChannelMatchVectors) {
  auto& crypto = this->impl;
  SessionKeys keys;
  ASSERT_TRUE(derive_session_keys(
      crypto,
      [] {
        Digest d;
        hex_decode_exact(vectors::kKShared, d.bytes, kHashSize);
        return d;
      }(),
      keys));
  EXPECT_EQ(
      vectors::hex({keys.phone_to_device, kAesKeySize}) + vectors::hex({keys.device_to_phone, kAesKeySize}),
      vectors::kSessionKeys);
  SessionId session;
  for (std::uint8_t i = 0; i < kSessionIdSize; ++i) session.bytes[i] = i;
  PhoneChannel phone(session, keys);
  DeviceChannel device(session, keys);

  std::uint8_t sealed[128];
  std::size_t sealed_size = 0;
  std::uint32_t counter = 0;
  ASSERT_EQ(phone.seal_request(crypto, view_of(vectors::kRequestPlain), sealed, sizeof sealed, sealed_size,
                               counter),
            ChannelError::none);
  EXPECT_EQ(counter, 1u);
  EXPECT_EQ(vectors::hex({sealed, sealed_size}), vectors::kRequestSealed);

  std::uint8_t plain[128];
  std::size_t plain_size = 0;
  ASSERT_EQ(device.open_request(crypto, counter, {sealed, sealed_size}, plain, sizeof plain, plain_size),
            ChannelError::none);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(plain), plain_size), vectors::kRequestPlain);

  ASSERT_EQ(device.seal_response(crypto, counter, view_of(vectors::kResponsePlain), sealed, sizeof sealed,
                                 sealed_size),
            ChannelError::none);
  EXPECT_EQ(vectors::hex({sealed, sealed_size}), vectors::kResponseSealed);
  ASSERT_EQ(phone.open_response(crypto, counter, {sealed, sealed_size}, plain, sizeof plain, plain_size),
            ChannelError::none);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(plain), plain_size), vectors::kResponsePlain);
}

TYPED_TEST_P(PakeCryptoConformance, ChannelRefusesReplayAndTamperingAndGoesOn) {
  auto& crypto = this->impl;
  SessionKeys keys;
  ASSERT_TRUE(crypto.random(keys.phone_to_device, kAesKeySize));
  ASSERT_TRUE(crypto.random(keys.device_to_phone, kAesKeySize));
  SessionId session;
  ASSERT_TRUE(crypto.random(session.bytes, kSessionIdSize));
  PhoneChannel phone(session, keys);
  DeviceChannel device(session, keys);
  std::uint8_t sealed[64];
  std::size_t sealed_size = 0;
  std::uint8_t plain[64];
  std::size_t plain_size = 0;
  std::uint32_t first = 0;
  ASSERT_EQ(phone.seal_request(crypto, view_of("GET /a"), sealed, sizeof sealed, sealed_size, first),
            ChannelError::none);
  ASSERT_EQ(device.open_request(crypto, first, {sealed, sealed_size}, plain, sizeof plain, plain_size),
            ChannelError::none);
  // The same request again: refused on its counter, before any decryption.
  EXPECT_EQ(device.open_request(crypto, first, {sealed, sealed_size}, plain, sizeof plain, plain_size),
            ChannelError::replayed);

  std::uint32_t second = 0;
  ASSERT_EQ(phone.seal_request(crypto, view_of("GET /b"), sealed, sizeof sealed, sealed_size, second),
            ChannelError::none);
  EXPECT_EQ(second, first + 1);
  sealed[0] ^= 0x80;
  EXPECT_EQ(device.open_request(crypto, second, {sealed, sealed_size}, plain, sizeof plain, plain_size),
            ChannelError::bad_ciphertext);
  EXPECT_EQ(device.last_counter(), first);  // a refused request moves nothing
  sealed[0] ^= 0x80;
  // A sealed request moved to a higher counter does not verify either (the nonce binds it).
  EXPECT_EQ(device.open_request(crypto, second + 5, {sealed, sealed_size}, plain, sizeof plain, plain_size),
            ChannelError::bad_ciphertext);
  ASSERT_EQ(device.open_request(crypto, second, {sealed, sealed_size}, plain, sizeof plain, plain_size),
            ChannelError::none);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(plain), plain_size), "GET /b");
  // A device answer never opens as a phone request: the direction byte differs.
  ASSERT_EQ(device.seal_response(crypto, second + 1, view_of("GET /c"), sealed, sizeof sealed, sealed_size),
            ChannelError::none);
  EXPECT_EQ(device.open_request(crypto, second + 1, {sealed, sealed_size}, plain, sizeof plain, plain_size),
            ChannelError::bad_ciphertext);
}

REGISTER_TYPED_TEST_SUITE_P(PakeCryptoConformance, ProverMatchesRfc9383AppendixC,
                            VerifierMatchesRfc9383AppendixC, VerifierRefusesAConfirmationOffInItsLastByte,
                            RegistrationMatchesAnIndependentImplementation,
                            OnboardHandshakeAgreesOnSessionKeys, WrongCodeIsCaughtByTheProverBeforeItConfirms,
                            RefusesSharesThatAreNotPointsOfTheGroup, SessionKeysAndChannelMatchVectors,
                            ChannelRefusesReplayAndTamperingAndGoesOn);

}  // namespace onboard::pake
