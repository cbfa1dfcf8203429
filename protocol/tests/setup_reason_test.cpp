#include <gtest/gtest.h>

#include "onboard/protocol/setup/reason.hpp"

namespace onboard::setup {
namespace {

constexpr Reason kAll[] = {
    Reason::none,          Reason::invalid_config,    Reason::wrong_password,   Reason::network_not_found,
    Reason::no_ip,         Reason::join_timeout,      Reason::band_unsupported, Reason::security_unsupported,
    Reason::dns_failed,    Reason::cloud_unreachable, Reason::tls_failed,       Reason::cloud_timeout,
    Reason::token_invalid, Reason::template_mismatch, Reason::storage_failed,   Reason::internal};

TEST(SetupReason, StringsAreStableLowercase) {
  EXPECT_EQ(to_string(Reason::none), "none");
  EXPECT_EQ(to_string(Reason::wrong_password), "wrong_password");
  EXPECT_EQ(to_string(Reason::band_unsupported), "band_unsupported");
  EXPECT_EQ(to_string(Reason::template_mismatch), "template_mismatch");
  for (Reason r : kAll) {
    for (char c : to_string(r)) EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '_') << to_string(r);
  }
}

TEST(SetupReason, RoundTripsThroughString) {
  for (Reason r : kAll) {
    Reason parsed = Reason::internal;
    ASSERT_TRUE(reason_from_string(to_string(r), parsed)) << to_string(r);
    EXPECT_EQ(parsed, r);
  }
}

TEST(SetupReason, UnknownStringLeavesOutputAlone) {
  Reason out = Reason::no_ip;
  EXPECT_FALSE(reason_from_string("", out));
  EXPECT_FALSE(reason_from_string("Wrong_Password", out));
  EXPECT_FALSE(reason_from_string("wrong_password ", out));
  EXPECT_EQ(out, Reason::no_ip);
}

TEST(SetupReason, MapsToEdgentCodes) {
  EXPECT_EQ(to_int(error_code_for(Reason::none)), 0);
  EXPECT_EQ(to_int(error_code_for(Reason::invalid_config)), 700);
  EXPECT_EQ(to_int(error_code_for(Reason::wrong_password)), 701);
  EXPECT_EQ(to_int(error_code_for(Reason::network_not_found)), 701);
  EXPECT_EQ(to_int(error_code_for(Reason::no_ip)), 701);
  EXPECT_EQ(to_int(error_code_for(Reason::join_timeout)), 701);
  EXPECT_EQ(to_int(error_code_for(Reason::band_unsupported)), 701);
  EXPECT_EQ(to_int(error_code_for(Reason::security_unsupported)), 701);
  EXPECT_EQ(to_int(error_code_for(Reason::dns_failed)), 702);
  EXPECT_EQ(to_int(error_code_for(Reason::cloud_unreachable)), 702);
  EXPECT_EQ(to_int(error_code_for(Reason::tls_failed)), 702);
  EXPECT_EQ(to_int(error_code_for(Reason::cloud_timeout)), 702);
  EXPECT_EQ(to_int(error_code_for(Reason::token_invalid)), 703);
  EXPECT_EQ(to_int(error_code_for(Reason::template_mismatch)), 703);
  EXPECT_EQ(to_int(error_code_for(Reason::storage_failed)), 704);
  EXPECT_EQ(to_int(error_code_for(Reason::internal)), 704);
}

}  // namespace
}  // namespace onboard::setup
