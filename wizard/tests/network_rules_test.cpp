// The wizard's password checks against the device's scan entry.
#include "onboard/wizard/network_rules.hpp"

#include <gtest/gtest.h>

namespace onboard::wizard {
namespace {

DeviceNetwork network(const std::string& sec) {
  DeviceNetwork n;
  n.ssid = "Home";
  n.sec = sec;
  return n;
}

TEST(NetworkRules, ShortPasswordsPassOnlyWhereTheNetworkTakesThem) {
  const DeviceNetwork wpa2 = network("WPA2");
  const DeviceNetwork mixed = network("WPA+WPA2");
  const DeviceNetwork wep = network("WEP");
  EXPECT_FALSE(check_password_for("Home", "abcdefg", &wpa2).ok());
  EXPECT_FALSE(check_password_for("Home", "abc", &mixed).ok());
  EXPECT_TRUE(check_password_for("Home", "abcdefgh", &wpa2).ok());
  // WEP keys of 5 or 13 characters, and any key for a network the device has not listed.
  EXPECT_TRUE(check_password_for("Home", "abcde", &wep).ok());
  EXPECT_TRUE(check_password_for("Home", "abcdefghijklm", &wep).ok());
  EXPECT_TRUE(check_password_for("Hidden", "abc", nullptr).ok());
  // 64 characters are a raw PSK: hex only, whatever the network.
  EXPECT_FALSE(check_password_for("Hidden", std::string(64, 'z'), nullptr).ok());
}

}  // namespace
}  // namespace onboard::wizard
