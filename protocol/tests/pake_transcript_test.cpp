#include <gtest/gtest.h>

#include "onboard/protocol/pake/rfc9383_vectors.hpp"
#include "onboard/protocol/pake/testing_names.hpp"
#include "onboard/protocol/pake/transcript.hpp"

namespace onboard::pake {
namespace {

// RFC 9383 Appendix C's TT, whose SHA-256 is the appendix's K_main (4c59e1cc...).
constexpr std::string_view kRfcTranscript =
    "38000000000000005350414b45322b2d503235362d5348413235362d484b44462d5348413235362d484d41432d53484132353620"
    "546573"
    "7420566563746f72730600000000000000636c69656e740600000000000000736572766572410000000000000004886e2f97ace4"
    "6e55ba"
    "9dd7242579f2993b64e16ef3dcab95afd497333d8fa12f5ff355163e43ce224e0b0e65ff02ac8e5c7be09419c785e0ca547d55a1"
    "2e2d20"
    "410000000000000004d8bbd6c639c62937b04d997f38c3770719c629d7014d49a24b4f98baa1292b4907d60aa6bfade45008a636"
    "337f51"
    "68c64d9bd36034808cd564490b1e656edbe7410000000000000004ef3bd051bf78a2234ec0df197f7828060fe9856503579bb173"
    "300904"
    "2c15c0c1de127727f418b5966afadfdd95a6e4591d171056b333dab97a79c7193e341727410000000000000004c0f65da0d11927"
    "bdf5d5"
    "60c69e1d7d939a05b0e88291887d679fcadea75810fb5cc1ca7494db39e82ff2f50665255d76173e09986ab46742c798a9a68437"
    "b04841"
    "0000000000000004bbfce7dd7f277819c8da21544afb7964705569bdf12fb92aa388059408d50091a0c5f1d3127f56813b5337f9"
    "e4e67e"
    "2ca633117a4fbd559946ab474356c4183941000000000000000458bf27c6bca011c9ce1930e8984a797a3419797b936629a5a937"
    "cf2f11"
    "c8b9514b82b993da8a46e664f23db7c01edc87faa530db01c2ee405230b18997f16b682000000000000000bb8e1bbcf3c48f62c0"
    "8db243"
    "652ae55d3e5586053fca77102994f23ad95491b3";

TEST(PakeTranscript, MatchesRfc9383AppendixC) {
  const Point x = vectors::point(vectors::kShareP);
  const Point y = vectors::point(vectors::kShareV);
  const Point z = vectors::point(vectors::kZ);
  const Point v = vectors::point(vectors::kV);
  const Scalar w0 = vectors::scalar(vectors::kW0);
  std::uint8_t tt[kMaxTranscriptSize];
  const std::size_t size = write_transcript({testing_names::rfc(), &x, &y, &z, &v, &w0}, tt);
  ASSERT_EQ(size, 570u);
  EXPECT_EQ(vectors::hex({tt, size}), kRfcTranscript);
}

TEST(PakeTranscript, OnboardContextWithEmptyIdentities) {
  const Point p = vectors::point(vectors::kShareP);
  const Scalar w0 = vectors::scalar(vectors::kW0);
  std::uint8_t tt[kMaxTranscriptSize];
  const std::size_t size = write_transcript({{}, &p, &p, &p, &p, &w0}, tt);
  ASSERT_EQ(size, 8 + 16 + 8 + 8 + 6 * (8 + 65) + 8 + 32u);
  EXPECT_EQ(vectors::hex({tt, 24}), "10000000000000004f6e626f617264207365747570207631");
  // Both identities: an 8-byte zero length each and no bytes.
  EXPECT_EQ(vectors::hex({tt + 24, 16}), "00000000000000000000000000000000");
  EXPECT_EQ(vectors::hex({tt + 40, 9}), "410000000000000004");
}

TEST(PakeTranscript, RefusesNamesOverTheirLimit) {
  const Point p = vectors::point(vectors::kShareP);
  const Scalar w0 = vectors::scalar(vectors::kW0);
  static const std::uint8_t long_name[kMaxContextSize + 1] = {};
  std::uint8_t tt[kMaxTranscriptSize];
  EXPECT_EQ(write_transcript({{{long_name, sizeof long_name}, {}, {}}, &p, &p, &p, &p, &w0}, tt), 0u);
  EXPECT_EQ(write_transcript({{{}, {long_name, kMaxIdentitySize + 1}, {}}, &p, &p, &p, &p, &w0}, tt), 0u);
  EXPECT_NE(write_transcript(
                {{{long_name, kMaxContextSize}, {long_name, kMaxIdentitySize}, {long_name, kMaxIdentitySize}},
                 &p,
                 &p,
                 &p,
                 &p,
                 &w0},
                tt),
            0u);
}

}  // namespace
}  // namespace onboard::pake
