#include <gtest/gtest.h>

#include <string_view>

#include "onboard/protocol/blynk/token_saved.hpp"

namespace onboard::blynk {
namespace {

using namespace std::string_view_literals;

TEST(BlynkTokenSaved, EncodesTokenNulSaved) {
  char out[32];
  const auto n = encode_token_saved(out, sizeof out);
  ASSERT_EQ(n, kTokenSavedBodySize);
  EXPECT_EQ(std::string_view(out, n), "token\0saved"sv);
}

TEST(BlynkTokenSaved, TheConstantBodyIsWhatTheEncoderWrites) {
  char out[32];
  const auto n = encode_token_saved(out, sizeof out);
  EXPECT_EQ(std::string_view(out, n), kTokenSavedBody);
  EXPECT_TRUE(is_token_saved(kTokenSavedBody));
}

TEST(BlynkTokenSaved, RefusesABufferTooSmall) {
  char out[kTokenSavedBodySize - 1];
  EXPECT_EQ(encode_token_saved(out, sizeof out), 0u);
}

TEST(BlynkTokenSaved, DecodesItsOwnBodyWithOrWithoutATrailingNul) {
  char out[32];
  const auto n = encode_token_saved(out, sizeof out);
  EXPECT_TRUE(is_token_saved(std::string_view(out, n)));
  EXPECT_TRUE(is_token_saved("token\0saved\0"sv));
}

TEST(BlynkTokenSaved, OtherInternalBodiesAreNotIt) {
  EXPECT_FALSE(is_token_saved(""sv));
  EXPECT_FALSE(is_token_saved("token"sv));
  EXPECT_FALSE(is_token_saved("token\0sav"sv));
  EXPECT_FALSE(is_token_saved("token\0saved\0extra"sv));
  EXPECT_FALSE(is_token_saved("meta\0set\0Hotspot Name\0x"sv));
  EXPECT_FALSE(is_token_saved("ver\0001.3.2\0h-beat\00045"sv));
}

}  // namespace
}  // namespace onboard::blynk
